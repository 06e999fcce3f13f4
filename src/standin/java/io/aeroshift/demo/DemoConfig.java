package io.aeroshift.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aeroshift.demo.*}: the embedded demo (default profile only; absent from the postgres build). */
@ConfigMapping(prefix = "aeroshift.demo")
public interface DemoConfig {
  /** Start the emulated demo clusters. */
  @WithDefault("false")
  boolean enabled();

  /** Where the demo keeps its clusters' ports and records, so a restart finds the same clusters. */
  @WithDefault("./data/demo")
  String dir();
}
