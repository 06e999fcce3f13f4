package io.aeroshift.emulator.exp;

/**
 * A value in particle form: a particle type (spec section 4.5) and its wire bytes. Returned by
 * {@link FilterExpression#evaluate} for list (20), map (19), geojson (23, the JSON text only) and hll
 * (18) results, and by {@link FilterExpression#toParticle} for every result.
 */
public record RawParticle(int particleType, byte[] bytes) {}
