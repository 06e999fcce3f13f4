package io.aeroshift.planning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aeroshift.planning.MigrationPlan.ConfigMapSwitch;
import io.aeroshift.planning.MigrationPlan.CopySpec;
import io.aeroshift.planning.MigrationPlan.CutoverSpec;
import io.aeroshift.planning.MigrationPlan.Features;
import io.aeroshift.planning.MigrationPlan.LicenceAcknowledgement;
import io.aeroshift.planning.MigrationPlan.RateLimits;
import io.aeroshift.planning.MigrationPlan.SizingOptions;
import io.aeroshift.planning.MigrationPlan.SourceRef;
import io.aeroshift.planning.MigrationPlan.TargetSpec;
import io.aeroshift.planning.MigrationPlan.ValidationSpec;
import io.aeroshift.planning.MigrationPlan.WebhookSwitch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a plan from YAML text and checks it. Every problem is gathered (file, JSON path, reason) and
 * reported together in one {@link InvalidPlanException}; a plan with any error is never returned, so
 * nothing downstream can act on it. Pure: the caller reads the file and supplies the known suites.
 */
public final class PlanLoader {
  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().build().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  /** The largest plan text read (characters). */
  public static final int MAX_PLAN_CHARS = 1024 * 1024;

  private final SuiteCatalog suites;

  public PlanLoader(SuiteCatalog suites) {
    this.suites = suites;
  }

  /**
   * Parses and validates.
   *
   * @param file the file name (for error messages); if it is {@code <plan-name>.yaml} it must match {@code name}
   * @param yaml the plan text
   * @throws InvalidPlanException with every error found
   */
  public MigrationPlan load(String file, String yaml) {
    if (yaml != null && yaml.length() > MAX_PLAN_CHARS) {
      // the YAML parser stops at 3 MB with "not valid YAML"; a plan is a few KiB, say so plainly
      throw new InvalidPlanException(List.of(new PlanError(file, "$", String.format(java.util.Locale.ROOT,
          "plan too large: %,d characters, a plan is at most %,d (plans are a few KiB)", yaml.length(),
          MAX_PLAN_CHARS))));
    }
    JsonNode root;
    try {
      root = YAML.readTree(yaml == null ? "" : yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new InvalidPlanException(List.of(new PlanError(file, "$", "not valid YAML" + where + ": "
          + e.getOriginalMessage())));
    }
    Reader r = new Reader(file);
    if (root == null || !root.isObject()) {
      r.error("$", "a plan is a YAML mapping with the fields name, source, team, owners, wave, target, copy,"
          + " validation, cutover, licence, sizing");
      throw new InvalidPlanException(r.errors);
    }
    MigrationPlan plan = readPlan(r, (ObjectNode) root, file);
    if (!r.errors.isEmpty()) {
      throw new InvalidPlanException(r.errors);
    }
    return plan;
  }

  private MigrationPlan readPlan(Reader r, ObjectNode root, String file) {
    Obj o = r.obj(root, "$", "name", "source", "team", "owners", "wave", "target", "copy", "validation",
        "cutover", "licence", "sizing");
    String name = o.text("name", true);
    if (name != null) {
      r.check("$.name", KubernetesNames.labelProblem("name", name));
      String base = baseName(file);
      if (base != null && !base.equals(name)) {
        r.error("$.name", "plan name '" + name + "' differs from its file name '" + file + "'");
      }
    }
    SourceRef source = o.child("source", true, (s) -> new SourceRef(s.text("cluster", true)), "cluster");
    String team = o.text("team", true);
    List<String> owners = o.textList("owners", true);
    if (owners != null && owners.isEmpty()) {
      r.error("$.owners", "at least one owner is required: only owners may approve the cutover");
    }
    String wave = o.text("wave", true);
    if (wave != null) {
      r.check("$.wave", KubernetesNames.labelProblem("wave", wave));
    }
    TargetSpec target = o.child("target", true, this::readTarget, "kubernetesNamespace", "clusterName", "image",
        "storageClass", "featureKeySecret", "authSecret", "features");
    CopySpec copy = o.child("copy", true, this::readCopy, "mode", "rateLimits");
    ValidationSpec validation = o.child("validation", true, v -> {
      String suite = v.text("suite", true);
      if (suite != null && !suites.contains(suite)) {
        r.error(v.path + ".suite", "no validation suite '" + suite + "' in validators/; known: " + suites.names());
      }
      return new ValidationSpec(suite);
    }, "suite");
    CutoverSpec cutover = o.child("cutover", true, this::readCutover, "method", "maxLagSeconds",
        "drainQuietPeriodSeconds", "validationMaxAgeMinutes", "configMap", "webhook", "secret",
        "rollbackOnValidationFailure");
    LicenceAcknowledgement licence = o.child("licence", false, l -> {
      boolean ack = l.bool("sideBySideAcknowledged", true, false);
      String by = l.text("acknowledgedBy", false);
      if (ack && (by == null || by.isBlank())) {
        r.error(l.path + ".acknowledgedBy", "an acknowledgement names the person who gave it");
      }
      return new LicenceAcknowledgement(ack, by);
    }, "sideBySideAcknowledged", "acknowledgedBy");
    SizingOptions sizing = o.child("sizing", false, this::readSizing, "growthPct", "headroomPct", "racks",
        "minNodes");
    return new MigrationPlan(name, source, team, owners == null ? List.of() : owners, wave, target, copy,
        validation, cutover, licence, sizing == null ? SizingOptions.DEFAULT : sizing);
  }

  private TargetSpec readTarget(Obj t) {
    Reader r = t.reader;
    String ns = t.text("kubernetesNamespace", true);
    if (ns != null) {
      r.check(t.path + ".kubernetesNamespace", KubernetesNames.labelProblem("kubernetesNamespace", ns));
    }
    String clusterName = t.text("clusterName", true);
    if (clusterName != null) {
      r.check(t.path + ".clusterName", KubernetesNames.clusterNameProblem(clusterName));
    }
    String image = t.text("image", true);
    if (image != null) {
      r.check(t.path + ".image", TargetImage.parse(image).error());
    }
    String storageClass = t.text("storageClass", true);
    if (storageClass != null) {
      r.check(t.path + ".storageClass", KubernetesNames.subdomainProblem("storageClass", storageClass));
    }
    String featureKey = t.textOr("featureKeySecret", "aerospike-secret");
    r.check(t.path + ".featureKeySecret", KubernetesNames.subdomainProblem("featureKeySecret", featureKey));
    String auth = t.textOr("authSecret", "auth-secret");
    r.check(t.path + ".authSecret", KubernetesNames.subdomainProblem("authSecret", auth));
    Features features = t.child("features", false, f -> {
      boolean tls = f.bool("tls", false, false);
      if (tls) {
        r.error(f.path + ".tls", "TLS needs certificate Secrets and tls-name choices that plans cannot express yet;"
            + " leave it false and add TLS to the AerospikeCluster after provisioning");
      }
      return new Features(f.bool("security", false, false), tls, f.bool("strongConsistency", false, false),
          f.bool("durableDeletes", false, false));
    }, "security", "tls", "strongConsistency", "durableDeletes");
    return new TargetSpec(ns, clusterName, image, storageClass, featureKey, auth,
        features == null ? Features.NONE : features);
  }

  private CopySpec readCopy(Obj c) {
    CopyMode mode = c.enumValue("mode", true, CopyMode.class, s -> Arrays.stream(CopyMode.values())
        .filter(m -> m.name().equals(s)).findFirst().orElse(null));
    RateLimits limits = c.child("rateLimits", true, l -> new RateLimits(
        l.positiveLong("recordsPerSecond", true, 0), l.positiveLong("bytesPerSecond", true, 0)),
        "recordsPerSecond", "bytesPerSecond");
    return new CopySpec(mode, limits);
  }

  private CutoverSpec readCutover(Obj c) {
    Reader r = c.reader;
    CutoverMethod method = c.enumValue("method", true, CutoverMethod.class,
        s -> CutoverMethod.fromYaml(s).orElse(null));
    long maxLag = c.nonNegativeLong("maxLagSeconds", true, 0);
    long quiet = c.positiveLong("drainQuietPeriodSeconds", true, 0);
    long maxAge = c.positiveLong("validationMaxAgeMinutes", false, 60);
    boolean rollbackOnFailure = c.bool("rollbackOnValidationFailure", false, false);
    ConfigMapSwitch cm = c.child("configMap", false, m -> seedList(r, m, "configMap"), "name", "namespace", "key",
        "restart");
    ConfigMapSwitch secret = c.child("secret", false, m -> seedList(r, m, "secret"), "name", "namespace", "key",
        "restart");
    WebhookSwitch wh = c.child("webhook", false, w -> {
      String url = w.text("url", true);
      if (url != null && !url.matches("https?://[^\\s]+")) {
        r.error(w.path + ".url", "'" + url + "' is not an http(s) URL");
      }
      return new WebhookSwitch(url);
    }, "url");
    if (method == CutoverMethod.CONFIGMAP && cm == null && c.node.has("method")) {
      r.error(c.path + ".configMap", "method configmap needs configMap {name, key, restart}");
    }
    if (method == CutoverMethod.SECRET && secret == null && c.node.has("method")) {
      r.error(c.path + ".secret", "method secret needs secret {name, key, restart}");
    }
    if (method == CutoverMethod.WEBHOOK && wh == null && c.node.has("method")) {
      r.error(c.path + ".webhook", "method webhook needs webhook {url}");
    }
    if (method != null && method != CutoverMethod.CONFIGMAP && cm != null) {
      r.error(c.path + ".configMap", "configMap is only used with method configmap (method is " + method.yamlName() + ")");
    }
    if (method != null && method != CutoverMethod.SECRET && secret != null) {
      r.error(c.path + ".secret", "secret is only used with method secret (method is " + method.yamlName() + ")");
    }
    if (method != null && method != CutoverMethod.WEBHOOK && wh != null) {
      r.error(c.path + ".webhook", "webhook is only used with method webhook (method is " + method.yamlName() + ")");
    }
    return new CutoverSpec(method, maxLag, quiet, maxAge, cm, wh, secret, rollbackOnFailure);
  }

  /** A seed list in a ConfigMap or Secret key, with the workloads to restart ({@code what}: its field name). */
  private static ConfigMapSwitch seedList(Reader r, Obj m, String what) {
    String name = m.text("name", true);
    if (name != null) {
      r.check(m.path + ".name", KubernetesNames.subdomainProblem(what + ".name", name));
    }
    String namespace = m.text("namespace", false);
    if (namespace != null) {
      r.check(m.path + ".namespace", KubernetesNames.labelProblem(what + ".namespace", namespace));
    }
    String key = m.text("key", true);
    List<String> restart = m.textList("restart", false);
    if (restart != null) {
      for (int i = 0; i < restart.size(); i++) {
        String w = restart.get(i);
        if (!w.matches("(deployment|statefulset)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
          r.error(m.path + ".restart[" + i + "]", "'" + w + "' is not deployment/<name> or statefulset/<name>");
        }
      }
    }
    return new ConfigMapSwitch(name, namespace, key, restart);
  }

  private SizingOptions readSizing(Obj s) {
    SizingOptions d = SizingOptions.DEFAULT;
    int growth = (int) s.range("growthPct", d.growthPct(), 0, 1000);
    int headroom = (int) s.range("headroomPct", d.headroomPct(), 0, 90);
    int racks = (int) s.range("racks", d.racks(), 1, 1000);
    int minNodes = (int) s.range("minNodes", d.minNodes(), 0, 256);
    return new SizingOptions(growth, headroom, racks, minNodes);
  }

  private static String baseName(String file) {
    if (file == null) {
      return null;
    }
    String f = file.substring(file.lastIndexOf('/') + 1);
    if (f.endsWith(".yaml")) {
      return f.substring(0, f.length() - 5);
    }
    if (f.endsWith(".yml")) {
      return f.substring(0, f.length() - 4);
    }
    return null;
  }

  /** Collects errors for one file. */
  private static final class Reader {
    final String file;
    final List<PlanError> errors = new ArrayList<>();

    Reader(String file) {
      this.file = file;
    }

    void error(String path, String reason) {
      errors.add(new PlanError(file, path, reason));
    }

    void check(String path, String problemOrNull) {
      if (problemOrNull != null) {
        error(path, problemOrNull);
      }
    }

    Obj obj(ObjectNode node, String path, String... allowed) {
      Set<String> known = new HashSet<>(Arrays.asList(allowed));
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          error(path + "." + f, "unknown field; allowed here: " + String.join(", ", allowed));
        }
      }
      return new Obj(this, node, path);
    }
  }

  /** One mapping in the plan, read field by field. */
  private static final class Obj {
    final Reader reader;
    final ObjectNode node;
    final String path;

    Obj(Reader reader, ObjectNode node, String path) {
      this.reader = reader;
      this.node = node;
      this.path = path;
    }

    private JsonNode field(String name, boolean required) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        if (required) {
          reader.error(path + "." + name, "required field is missing");
        }
        return null;
      }
      return v;
    }

    String text(String name, boolean required) {
      JsonNode v = field(name, required);
      if (v == null) {
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        reader.error(path + "." + name, "must be a non-empty string");
        return null;
      }
      return v.asText();
    }

    String textOr(String name, String fallback) {
      String v = text(name, false);
      return v == null && !node.has(name) ? fallback : v;
    }

    List<String> textList(String name, boolean required) {
      JsonNode v = field(name, required);
      if (v == null) {
        return null;
      }
      if (!v.isArray()) {
        reader.error(path + "." + name, "must be a list of strings");
        return null;
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (!e.isTextual() || e.asText().isBlank()) {
          reader.error(path + "." + name + "[" + i + "]", "must be a non-empty string");
        } else {
          out.add(e.asText());
        }
      }
      return out;
    }

    boolean bool(String name, boolean required, boolean fallback) {
      JsonNode v = field(name, required);
      if (v == null) {
        return fallback;
      }
      if (!v.isBoolean()) {
        reader.error(path + "." + name, "must be true or false");
        return fallback;
      }
      return v.booleanValue();
    }

    private Long integer(String name, boolean required) {
      JsonNode v = field(name, required);
      if (v == null) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        reader.error(path + "." + name, "must be a whole number");
        return null;
      }
      return v.longValue();
    }

    long positiveLong(String name, boolean required, long fallback) {
      Long v = integer(name, required);
      if (v == null) {
        return fallback;
      }
      if (v <= 0) {
        reader.error(path + "." + name, "must be greater than 0 (was " + v + ")");
      }
      return v;
    }

    long nonNegativeLong(String name, boolean required, long fallback) {
      Long v = integer(name, required);
      if (v == null) {
        return fallback;
      }
      if (v < 0) {
        reader.error(path + "." + name, "must be 0 or more (was " + v + ")");
      }
      return v;
    }

    long range(String name, long fallback, long min, long max) {
      Long v = integer(name, false);
      if (v == null) {
        return fallback;
      }
      if (v < min || v > max) {
        reader.error(path + "." + name, "must be between " + min + " and " + max + " (was " + v + ")");
      }
      return v;
    }

    <E extends Enum<E>> E enumValue(String name, boolean required, Class<E> type, Function<String, E> parse) {
      String s = text(name, required);
      if (s == null) {
        return null;
      }
      E e = parse.apply(s);
      if (e == null) {
        List<String> allowed = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
          allowed.add(c instanceof CutoverMethod m ? m.yamlName() : c.name());
        }
        reader.error(path + "." + name, "'" + s + "' is not one of " + allowed);
      }
      return e;
    }

    <T> T child(String name, boolean required, Function<Obj, T> read, String... allowed) {
      JsonNode v = field(name, required);
      if (v == null) {
        return null;
      }
      if (!v.isObject()) {
        reader.error(path + "." + name, "must be a mapping with fields " + String.join(", ", allowed));
        return null;
      }
      return read.apply(reader.obj((ObjectNode) v, path + "." + name, allowed));
    }
  }
}
