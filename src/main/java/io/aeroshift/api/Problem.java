package io.aeroshift.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Error body (RFC 9457 problem details, {@code application/problem+json}) with a machine-readable
 * {@code reason}. Never carries a secret: messages name references, not values.
 *
 * @param type {@code urn:aeroshift:problem:<reason in kebab case>}
 * @param title short summary of the reason
 * @param status HTTP status
 * @param detail what happened, in words
 * @param reason machine-readable reason, e.g. {@code INVALID_INVENTORY}, {@code SEEDS_UNREACHABLE}
 * @param instance the request path
 * @param problems itemised problems (inventory validation), or null
 * @param field the request field or parameter concerned ({@code target.seeds[0]}, {@code ?pass}),
 *     or null when the problem is not about one field
 * @param location where in the request body ({@code line 3, column 14}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, String instance, List<Item> problems,
    String field, String location) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One itemised problem.
   *
   * @param source file path or {@code request body}
   * @param line 1-based line, 0 when unknown
   * @param cluster entry concerned
   * @param field field concerned
   * @param reason what is wrong
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(String source, Integer line, String cluster, String field, String reason) {}

  public static Problem of(int status, String reason, String detail, String instance) {
    return of(status, reason, detail, instance, null);
  }

  public static Problem of(int status, String reason, String detail, String instance, List<Item> items) {
    String title = reason.charAt(0) + reason.substring(1).toLowerCase().replace('_', ' ');
    return new Problem("urn:aeroshift:problem:" + reason.toLowerCase().replace('_', '-'), title, status, detail, reason, instance, items,
        null, null);
  }

  /** The same problem naming the field (or parameter) and the place in the body it is about. */
  public Problem at(String fieldName, String where) {
    return new Problem(type, title, status, detail, reason, instance, problems, fieldName, where);
  }
}
