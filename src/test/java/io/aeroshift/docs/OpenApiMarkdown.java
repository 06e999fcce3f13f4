package io.aeroshift.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the endpoint reference of docs/api.md from the service's OpenAPI document: one table per
 * tag, a row per operation (method, path, query parameters, summary, request and answer bodies).
 * Pure: the same document gives the same text, so a stale committed file is a test failure.
 */
final class OpenApiMarkdown {
  static final String BEGIN = "<!-- BEGIN generated from /q/openapi by ApiReferenceTest: do not edit by hand -->";
  static final String END = "<!-- END generated -->";
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private OpenApiMarkdown() {}

  static String render(JsonNode openapi) {
    Map<String, List<String>> rowsByTag = new TreeMap<>();
    Map<String, String> tagText = new TreeMap<>();
    for (JsonNode t : openapi.path("tags")) {
      tagText.put(t.path("name").asText(), t.path("description").asText(""));
    }
    Map<String, JsonNode> paths = new TreeMap<>();
    openapi.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> p : paths.entrySet()) {
      if (!p.getKey().startsWith("/api/")) {
        continue;
      }
      for (String method : METHODS) {
        JsonNode op = p.getValue().get(method);
        if (op == null) {
          continue;
        }
        String tag = op.path("tags").path(0).asText("other");
        rowsByTag.computeIfAbsent(tag, t -> new ArrayList<>()).add("| `" + method.toUpperCase() + "` | `" + p.getKey()
            + "` | " + query(op) + " | " + cell(op.path("summary").asText("")) + " | " + body(op) + " | "
            + answers(op) + " |");
      }
    }
    StringBuilder s = new StringBuilder(BEGIN).append("\n\n");
    s.append("Regenerate with `mvn -B -o test -Dtest=ApiReferenceTest -Daeroshift.docs.update=true`.\n");
    for (Map.Entry<String, List<String>> tag : rowsByTag.entrySet()) {
      s.append("\n### ").append(tag.getKey()).append("\n\n");
      String text = tagText.getOrDefault(tag.getKey(), "");
      if (!text.isEmpty()) {
        s.append(cell(text)).append("\n\n");
      }
      s.append("| method | path | query | what | body | answers |\n|---|---|---|---|---|---|\n");
      tag.getValue().forEach(r -> s.append(r).append('\n'));
    }
    return s.append('\n').append(END).toString();
  }

  private static String query(JsonNode op) {
    List<String> q = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      if ("query".equals(p.path("in").asText())) {
        q.add("`" + p.path("name").asText() + "`");
      }
    }
    return String.join(", ", q);
  }

  private static String body(JsonNode op) {
    JsonNode content = op.path("requestBody").path("content");
    List<String> types = new ArrayList<>();
    content.fieldNames().forEachRemaining(types::add);
    if (types.isEmpty()) {
      return "";
    }
    return types.stream().map(t -> t + schema(content.path(t).path("schema"))).reduce((a, b) -> a + "; " + b)
        .orElse("");
  }

  private static String answers(JsonNode op) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      JsonNode json = r.getValue().path("content").path("application/json").path("schema");
      out.add(r.getKey() + (json.isMissingNode() ? "" : schema(json)));
    }
    return String.join("; ", out);
  }

  private static String schema(JsonNode schema) {
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asText();
      return " `" + ref.substring(ref.lastIndexOf('/') + 1) + "`";
    }
    if ("array".equals(schema.path("type").asText())) {
      String item = schema(schema.path("items"));
      return item.isEmpty() ? " array" : " array of" + item;
    }
    return schema.has("type") ? " " + schema.path("type").asText() : "";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
