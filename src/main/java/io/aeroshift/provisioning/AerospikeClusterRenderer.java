package io.aeroshift.provisioning;

import io.aeroshift.planning.CapacityPlan;
import io.aeroshift.planning.ConfigTranslator;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.NamespacePlan;
import io.aeroshift.planning.NamespacePlan.VolumePlan;
import io.aeroshift.planning.TranslatedConfig;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.provisioning.crd.AerospikeClusterSpec;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.AerospikeAccessControl;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.AerospikeConfig;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.PodSpec;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.RackConfig;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.Storage;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.aerospikeaccesscontrol.Users;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.podspec.AerospikeContainer;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.podspec.aerospikecontainer.Resources;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.rackconfig.Racks;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.BlockVolumePolicy;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.FilesystemVolumePolicy;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.Volumes;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.volumes.Aerospike;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.volumes.Source;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.volumes.source.PersistentVolume;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.volumes.source.Secret;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the {@code AerospikeCluster} (asdb.aerospike.com/v1) for a plan (pure). Uses the model
 * generated from the AKO CRD; the server configuration comes from {@link ConfigTranslator}.
 */
public final class AerospikeClusterRenderer {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PLAN_LABEL = "aeroshift.io/plan";
  public static final String TEAM_LABEL = "aeroshift.io/team";
  public static final String WAVE_LABEL = "aeroshift.io/wave";
  public static final String SOURCE_LABEL = "aeroshift.io/source-cluster";
  static final String WORKDIR_VOLUME = "workdir";
  static final String SECRET_VOLUME = "aerospike-config-secret";

  private AerospikeClusterRenderer() {}

  /** The cluster resource and what it references. */
  public record Rendered(AerospikeCluster cluster, List<ResourceReference> references) {
    public Rendered {
      references = List.copyOf(references);
    }
  }

  public static Rendered render(MigrationPlan plan, CapacityPlan capacity, TranslatedConfig config) {
    MigrationPlan.TargetSpec target = plan.target();
    AerospikeCluster cluster = new AerospikeCluster();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(target.clusterName());
    meta.setNamespace(target.kubernetesNamespace());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, "aeroshift");
    labels.put(PLAN_LABEL, plan.name());
    labels.put(TEAM_LABEL, labelValue(plan.team()));
    labels.put(WAVE_LABEL, plan.wave());
    labels.put(SOURCE_LABEL, labelValue(plan.source().cluster()));
    meta.setLabels(labels);
    cluster.setMetadata(meta);

    AerospikeClusterSpec spec = new AerospikeClusterSpec();
    spec.setSize(capacity.nodes());
    spec.setImage(target.image());
    AerospikeConfig aerospikeConfig = new AerospikeConfig();
    aerospikeConfig.setAdditionalProperties(new LinkedHashMap<>(config.aerospikeConfig()));
    spec.setAerospikeConfig(aerospikeConfig);
    spec.setStorage(storage(target, capacity));
    spec.setPodSpec(podSpec(capacity));
    if (target.features().security()) {
      spec.setAerospikeAccessControl(accessControl(target));
    }
    if (capacity.racks() > 1) {
      spec.setRackConfig(racks(capacity));
    }
    cluster.setSpec(spec);

    List<ResourceReference> refs = new ArrayList<>();
    refs.add(new ResourceReference("Secret", target.featureKeySecret(), target.kubernetesNamespace(),
        List.of("features.conf"), "Enterprise feature-key file, mounted at " + ConfigTranslator.SECRET_PATH));
    if (target.features().security()) {
      refs.add(new ResourceReference("Secret", target.authSecret(), target.kubernetesNamespace(),
          List.of("password"), "password of the admin user (sys-admin, user-admin)"));
    }
    refs.add(new ResourceReference("StorageClass", target.storageClass(), null, List.of(),
        "class of every persistent volume (work directory and namespace storage)"));
    return new Rendered(cluster, refs);
  }

  private static Storage storage(MigrationPlan.TargetSpec target, CapacityPlan capacity) {
    Storage storage = new Storage();
    // PVCs outlive the cluster resource: deleting the CR by mistake after cutover must not delete data.
    FilesystemVolumePolicy fs = new FilesystemVolumePolicy();
    fs.setInitMethod(FilesystemVolumePolicy.InitMethod.DELETEFILES);
    fs.setCascadeDelete(false);
    storage.setFilesystemVolumePolicy(fs);
    BlockVolumePolicy block = new BlockVolumePolicy();
    block.setCascadeDelete(false);
    storage.setBlockVolumePolicy(block);
    List<Volumes> volumes = new ArrayList<>();
    volumes.add(persistent(WORKDIR_VOLUME, "/opt/aerospike", false, capacity.workDirBytes(), target.storageClass()));
    for (NamespacePlan ns : capacity.namespaces()) {
      for (VolumePlan v : ns.volumes()) {
        volumes.add(persistent(v.name(), v.path(), v.block(), v.sizeBytes(), target.storageClass()));
      }
    }
    Volumes secret = new Volumes();
    secret.setName(SECRET_VOLUME);
    Source source = new Source();
    Secret s = new Secret();
    s.setSecretName(target.featureKeySecret());
    source.setSecret(s);
    secret.setSource(source);
    secret.setAerospike(path(ConfigTranslator.SECRET_PATH));
    volumes.add(secret);
    storage.setVolumes(volumes);
    return storage;
  }

  private static Volumes persistent(String name, String path, boolean block, long bytes, String storageClass) {
    Volumes v = new Volumes();
    v.setName(name);
    Source source = new Source();
    PersistentVolume pv = new PersistentVolume();
    pv.setStorageClass(storageClass);
    pv.setVolumeMode(block ? PersistentVolume.VolumeMode.BLOCK : PersistentVolume.VolumeMode.FILESYSTEM);
    pv.setSize(new IntOrString(quantity(bytes)));
    source.setPersistentVolume(pv);
    v.setSource(source);
    v.setAerospike(path(path));
    return v;
  }

  private static Aerospike path(String p) {
    Aerospike a = new Aerospike();
    a.setPath(p);
    return a;
  }

  private static PodSpec podSpec(CapacityPlan capacity) {
    PodSpec pod = new PodSpec();
    // several pods may share a Kubernetes node; AKO then exposes each through its own NodePort service
    pod.setMultiPodPerHost(true);
    AerospikeContainer container = new AerospikeContainer();
    Resources resources = new Resources();
    Map<String, IntOrString> amounts = new LinkedHashMap<>();
    amounts.put("cpu", new IntOrString(capacity.cpuMillis() % 1000 == 0 ? String.valueOf(capacity.cpuMillis() / 1000)
        : capacity.cpuMillis() + "m"));
    amounts.put("memory", new IntOrString(quantity(capacity.memoryBytes())));
    resources.setRequests(new LinkedHashMap<>(amounts));
    resources.setLimits(new LinkedHashMap<>(amounts));
    container.setResources(resources);
    pod.setAerospikeContainer(container);
    return pod;
  }

  private static AerospikeAccessControl accessControl(MigrationPlan.TargetSpec target) {
    AerospikeAccessControl acl = new AerospikeAccessControl();
    Users admin = new Users();
    admin.setName("admin");
    admin.setSecretName(target.authSecret());
    admin.setRoles(List.of("sys-admin", "user-admin"));
    acl.setUsers(List.of(admin));
    return acl;
  }

  private static RackConfig racks(CapacityPlan capacity) {
    RackConfig rc = new RackConfig();
    rc.setNamespaces(capacity.namespaces().stream().map(NamespacePlan::name).toList());
    List<Racks> racks = new ArrayList<>();
    for (int i = 1; i <= capacity.racks(); i++) {
      Racks r = new Racks();
      r.setId((long) i);
      racks.add(r);
    }
    rc.setRacks(racks);
    return rc;
  }

  /** Kubernetes quantity: whole GiB as {@code NGi}, else Mi, else bytes. */
  static String quantity(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "Gi";
    }
    if (bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "Mi";
    }
    return Long.toString(bytes);
  }

  /** Label values: at most 63 characters of [A-Za-z0-9_.-], starting and ending alphanumeric. */
  static String labelValue(String s) {
    String v = s.replaceAll("[^A-Za-z0-9_.-]", "-");
    if (v.length() > 63) {
      v = v.substring(0, 63);
    }
    return v.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }
}
