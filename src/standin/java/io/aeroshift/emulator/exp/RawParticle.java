package io.aeroshift.emulator.exp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value in particle form: a particle type (spec section 4.5) and its wire bytes. Returned by
 * {@link FilterExpression#evaluate} for list (20), map (19), geojson (23, the JSON text only) and hll
 * (18) results, and by {@link FilterExpression#toParticle} for every result. Equality compares the
 * bytes.
 */
public record RawParticle(int particleType, byte[] bytes) {

  @Override
  public boolean equals(Object o) {
    return o instanceof RawParticle
        && ((RawParticle) o).particleType == particleType
        && Arrays.equals(((RawParticle) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * particleType + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawParticle[type=" + particleType + ", bytes=" + HexFormat.of().formatHex(bytes) + "]";
  }
}
