package io.aeroshift.api;

import java.util.Optional;

/**
 * Implemented by the embedded demo (a stand-in, absent from the postgres build) to describe itself
 * at {@code GET /api/v1/demo}; empty while the demo is off.
 */
public interface DemoDescription {
  Optional<DemoView> describe();
}
