package io.aeroshift.deploy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What RBAC sees of one Kubernetes API request: API group ("" for the core group), resource (with
 * its subresource as {@code resource/sub}) and verb, mapped from the HTTP method and path as the
 * API server's request-info resolver does (GET of a name: get, of a collection: list, or watch with
 * {@code watch=true}; POST create; PUT update; PATCH patch; DELETE of a name: delete, of a
 * collection: deletecollection).
 */
record KubernetesCall(String apiGroup, String resource, String verb) implements Comparable<KubernetesCall> {
  // /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{sub}]]  or  /apis/{group}/{version}[/namespaces/{ns}]/...
  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<ns>[^/]+))?(?:/(?<resource>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+))?)?)?$");

  /** The call a request makes, or empty for a path that is no resource request (discovery, /version). */
  static Optional<KubernetesCall> of(String method, String pathAndQuery) {
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String resource = m.group("resource");
    if (resource == null) {
      return Optional.empty();
    }
    if (m.group("ns") == null && "namespaces".equals(resource) && m.group("name") != null) {
      // /api/v1/namespaces/{ns}: the namespace object itself
      resource = "namespaces";
    }
    boolean named = m.group("name") != null;
    if (m.group("sub") != null) {
      resource = resource + "/" + m.group("sub");
    }
    String verb = switch (method) {
      case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("no RBAC verb for HTTP " + method + " " + pathAndQuery);
    };
    return Optional.of(new KubernetesCall(m.group("group") == null ? "" : m.group("group"), resource, verb));
  }

  @Override
  public int compareTo(KubernetesCall o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource + " " + verb;
  }
}
