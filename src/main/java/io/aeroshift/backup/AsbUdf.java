package io.aeroshift.backup;

import java.util.Arrays;
import java.util.Objects;

/**
 * A UDF module as a {@code * u} line carries it. Lua is the only type the format knows.
 *
 * @param fileName module file name, e.g. {@code example.lua}
 * @param content the source, verbatim
 */
public record AsbUdf(String fileName, byte[] content) {

  public AsbUdf {
    Objects.requireNonNull(fileName, "fileName");
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsbUdf u && fileName.equals(u.fileName) && Arrays.equals(content, u.content);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "AsbUdf[" + fileName + ", " + content.length + " bytes]";
  }
}
