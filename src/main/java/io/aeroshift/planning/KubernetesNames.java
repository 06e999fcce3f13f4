package io.aeroshift.planning;

import java.util.regex.Pattern;

/** Kubernetes and AKO naming rules, with the reason a name breaks them. */
public final class KubernetesNames {
  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /**
   * Longest AerospikeCluster name accepted. AKO names the per-rack StatefulSet
   * {@code <name>-<rackId>[-<revision>]} and Kubernetes labels each pod with
   * {@code controller-revision-hash=<statefulset>-<hash of up to 10 chars>}, a label value of at most
   * 63 characters. 63 - 10 (hash) - 1 - 7 (rack id up to 1000000) - 1 - 4 (short revision) - 1 = 39.
   */
  public static final int MAX_CLUSTER_NAME = 39;

  private KubernetesNames() {}

  /** Null when valid, else why an AerospikeCluster name is refused. */
  public static String clusterNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "cluster name is required";
    }
    if (!DNS_1035.matcher(name).matches()) {
      return "'" + name + "' is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter,"
          + " ending with a letter or digit)";
    }
    if (name.length() > MAX_CLUSTER_NAME) {
      return "'" + name + "' is " + name.length() + " characters; at most " + MAX_CLUSTER_NAME
          + " so that AKO's StatefulSet and pod names with rack id, revision and revision hash fit 63 characters";
    }
    return null;
  }

  /** Null when valid, else why a DNS-1123 label (namespace, secret, storage class) is refused. */
  public static String labelProblem(String what, String name) {
    if (name == null || name.isEmpty()) {
      return what + " is required";
    }
    if (name.length() > 63 || !DNS_1123.matcher(name).matches()) {
      return "'" + name + "' is not a DNS-1123 label (at most 63 lower-case letters, digits and '-', starting and"
          + " ending with a letter or digit)";
    }
    return null;
  }

  /** Null when valid, else why a DNS-1123 subdomain (Secret, ConfigMap, StorageClass name) is refused. */
  public static String subdomainProblem(String what, String name) {
    if (name == null || name.isEmpty()) {
      return what + " is required";
    }
    if (name.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
      return "'" + name + "' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')";
    }
    return null;
  }
}
