package io.aeroshift.planning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Enterprise server image and the config schema version AKO validates it with (the tag's X.Y.Z).
 *
 * @param image the full image reference
 * @param build the tag's four dotted numbers, e.g. {@code 8.1.1.0}
 * @param schemaVersion the tag's X.Y.Z, e.g. {@code 8.1.1}
 */
public record TargetImage(String image, String build, String schemaVersion) {

  /** Versions whose server config schema ships with Aeroshift (and with AKO 4.5). */
  public static final List<String> SUPPORTED_SCHEMAS = List.of("7.0.0", "7.2.0", "8.0.0", "8.1.1");

  private static final Pattern TAG = Pattern.compile(":(\\d+)\\.(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-_.][\\w.-]*)?$");

  /** Major version (7 or 8). */
  public int major() {
    return Integer.parseInt(schemaVersion.substring(0, schemaVersion.indexOf('.')));
  }

  /**
   * Parses and checks an image reference the way the AKO webhook does: "enterprise" (or "federal")
   * somewhere in it, a numeric tag, and a schema for that X.Y.Z. Returns the reason on failure.
   */
  public static Result parse(String image) {
    if (image == null || image.isBlank()) {
      return new Result(null, "image is required");
    }
    String lower = image.toLowerCase(Locale.ROOT);
    if (!lower.contains("enterprise") && !lower.contains("federal")) {
      return new Result(null, "'" + image + "' is not an Enterprise image: AKO accepts only images whose name"
          + " contains 'enterprise' or 'federal'");
    }
    Matcher m = TAG.matcher(image);
    if (!m.find()) {
      return new Result(null, "'" + image + "' has no version tag such as :8.1.1.0 (AKO rejects latest/untagged)");
    }
    String schema = m.group(1) + "." + m.group(2) + "." + m.group(3);
    String build = schema + "." + (m.group(4) == null ? "0" : m.group(4));
    if (!SUPPORTED_SCHEMAS.contains(schema)) {
      return new Result(null, "version " + schema + " of '" + image + "' has no server config schema; supported: "
          + String.join(", ", SUPPORTED_SCHEMAS));
    }
    return new Result(new TargetImage(image, build, schema), null);
  }

  /** Parse outcome: the image or the reason it was refused. */
  public record Result(TargetImage image, String error) {
    public Optional<TargetImage> value() {
      return Optional.ofNullable(image);
    }
  }
}
