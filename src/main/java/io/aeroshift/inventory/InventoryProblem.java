package io.aeroshift.inventory;

/**
 * One thing wrong with an inventory document.
 *
 * @param source the file path, or {@code request body}
 * @param line 1-based line in the source, 0 when unknown (e.g. a JSON request)
 * @param cluster name of the entry concerned, or null
 * @param field the field concerned (e.g. {@code clusters[1].team}), or null
 * @param reason what is wrong, in words
 */
public record InventoryProblem(String source, int line, String cluster, String field, String reason) {

  /** {@code path:line: field: reason}, the way compilers report errors. */
  public String format() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (field != null) {
      sb.append(field).append(": ");
    }
    return sb.append(reason).toString();
  }
}
