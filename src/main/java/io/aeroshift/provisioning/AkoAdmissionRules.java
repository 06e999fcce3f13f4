package io.aeroshift.provisioning;

import io.aeroshift.planning.KubernetesNames;
import io.aeroshift.planning.TargetImage;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.provisioning.crd.AerospikeClusterSpec;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.Volumes;
import io.aeroshift.provisioning.crd.aerospikeclusterspec.storage.volumes.source.PersistentVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of AKO's admission webhooks (mutating {@code maerospikecluster.kb.io} and validating
 * {@code vaerospikecluster.kb.io}) that a rendered cluster can trip over, with AKO's wording. Used at
 * plan time and by the simulated operator. Not every AKO rule is here: those listed are the ones a
 * translated CE configuration can break (image, operator-owned fields, storage paths, access control).
 */
public final class AkoAdmissionRules {
  public static final String MUTATING = "admission webhook \"maerospikecluster.kb.io\" denied the request: ";
  public static final String VALIDATING = "admission webhook \"vaerospikecluster.kb.io\" denied the request: ";

  private AkoAdmissionRules() {}

  /** Every rule the cluster breaks (empty when AKO would admit it). */
  public static List<SchemaViolation> check(AerospikeCluster cluster) {
    List<SchemaViolation> out = new ArrayList<>();
    String name = cluster.getMetadata() == null ? null : cluster.getMetadata().getName();
    AerospikeClusterSpec spec = cluster.getSpec();
    if (spec == null) {
      out.add(v("$.spec", VALIDATING + "spec is required"));
      return out;
    }
    String nameProblem = KubernetesNames.clusterNameProblem(name);
    if (nameProblem != null) {
      out.add(v("$.metadata.name", VALIDATING + nameProblem));
    }
    String image = spec.getImage() == null ? "" : spec.getImage();
    String lower = image.toLowerCase();
    if (!lower.contains("enterprise") && !lower.contains("federal")) {
      out.add(v("$.spec.image", VALIDATING + "CommunityEdition Cluster not supported"));
    } else {
      TargetImage.Result parsed = TargetImage.parse(image);
      if (parsed.error() != null) {
        out.add(v("$.spec.image", VALIDATING + "image version not supported: " + parsed.error()));
      }
    }
    if (spec.getSize() == null || spec.getSize() == 0) {
      out.add(v("$.spec.size", VALIDATING + "invalid cluster size 0"));
    }
    Map<String, Object> config = spec.getAerospikeConfig() == null ? Map.of()
        : spec.getAerospikeConfig().getAdditionalProperties();
    Map<String, Object> service = map(config.get("service"));
    Object clusterName = service.get("cluster-name");
    if (clusterName != null && !clusterName.equals(name)) {
      out.add(v("$.spec.aerospikeConfig.service.cluster-name", MUTATING + "failed to set default"
          + " aerospikeConfig.service config: config cluster-name can not have non-default value (string "
          + clusterName + "). It will be set internally (string " + name + ")"));
    }
    if (service.containsKey("node-id")) {
      out.add(v("$.spec.aerospikeConfig.service.node-id", MUTATING + "failed to set default"
          + " aerospikeConfig.service config: config node-id can not have non-default value (string "
          + service.get("node-id") + "). It will be set internally (string ENV_NODE_ID)"));
    }
    Map<String, Object> network = map(config.get("network"));
    for (String sub : List.of("service", "heartbeat", "fabric")) {
      Map<String, Object> conn = map(network.get(sub));
      if (!network.containsKey(sub)) {
        out.add(v("$.spec.aerospikeConfig.network", VALIDATING + "aerospikeConfig not valid: network." + sub
            + " config is required"));
      }
      for (String key : conn.keySet()) {
        if (key.contains("access-address") || key.contains("access-port")) {
          out.add(v("$.spec.aerospikeConfig.network." + sub + "." + key, MUTATING + "failed to set default"
              + " aerospikeConfig.network config: config " + key + " can not have non-default value. It will be set"
              + " internally"));
        }
      }
    }
    Object mode = map(network.get("heartbeat")).get("mode");
    if (mode != null && !"mesh".equals(mode)) {
      out.add(v("$.spec.aerospikeConfig.network.heartbeat.mode", MUTATING + "failed to set default"
          + " aerospikeConfig.network config: config mode can not have non-default value (string " + mode
          + "). It will be set internally (string mesh)"));
    }
    checkStorage(spec, config, out);
    if (config.containsKey("security")) {
      boolean admin = spec.getAerospikeAccessControl() != null && spec.getAerospikeAccessControl().getUsers() != null
          && spec.getAerospikeAccessControl().getUsers().stream().anyMatch(u -> "admin".equals(u.getName())
              && u.getRoles() != null && u.getRoles().contains("sys-admin") && u.getRoles().contains("user-admin"));
      if (!admin) {
        out.add(v("$.spec.aerospikeAccessControl", VALIDATING + "security is enabled but access control is missing"
            + " the admin user with roles sys-admin and user-admin"));
      }
    }
    return out;
  }

  private static void checkStorage(AerospikeClusterSpec spec, Map<String, Object> config, List<SchemaViolation> out) {
    List<Volumes> volumes = spec.getStorage() == null || spec.getStorage().getVolumes() == null ? List.of()
        : spec.getStorage().getVolumes();
    List<Object> namespaces = config.get("namespaces") instanceof List<?> l ? new ArrayList<>(l) : List.of();
    if (namespaces.isEmpty()) {
      out.add(v("$.spec.aerospikeConfig.namespaces", VALIDATING + "aerospikeConfig.namespaces cannot be empty"));
    }
    for (int i = 0; i < namespaces.size(); i++) {
      Map<String, Object> ns = map(namespaces.get(i));
      Map<String, Object> engine = map(ns.get("storage-engine"));
      String at = "$.spec.aerospikeConfig.namespaces[" + i + "].storage-engine";
      if (engine.isEmpty()) {
        out.add(v(at, VALIDATING + "storage-engine config is required for namespace " + ns.get("name")));
        continue;
      }
      for (Object d : list(engine.get("devices"))) {
        boolean ok = volumes.stream().anyMatch(vol -> pv(vol) != null
            && pv(vol).getVolumeMode() == PersistentVolume.VolumeMode.BLOCK
            && vol.getAerospike() != null && d.equals(vol.getAerospike().getPath()));
        if (!ok) {
          out.add(v(at + ".devices", VALIDATING + "namespace storage device related devicePath " + d
              + " not found in Storage config"));
        }
      }
      for (Object f : list(engine.get("files"))) {
        String file = f.toString();
        boolean ok = volumes.stream().anyMatch(vol -> pv(vol) != null
            && pv(vol).getVolumeMode() == PersistentVolume.VolumeMode.FILESYSTEM && vol.getAerospike() != null
            && file.startsWith(vol.getAerospike().getPath() + "/"));
        if (!ok) {
          out.add(v(at + ".files", VALIDATING + "namespace storage file related mountPath " + file
              + " not found in Storage config"));
        }
      }
    }
  }

  private static PersistentVolume pv(Volumes v) {
    return v.getSource() == null ? null : v.getSource().getPersistentVolume();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static SchemaViolation v(String path, String message) {
    return new SchemaViolation("AKO webhook", path, message);
  }
}
