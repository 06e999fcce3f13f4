package io.aeroshift.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aeroshift.demo.*}: the embedded demo (default profile only; absent from the postgres build). */
@ConfigMapping(prefix = "aeroshift.demo")
public interface DemoConfig {
  /** Start the emulated demo clusters, the mock Kubernetes API server and the demo wave. */
  @WithDefault("false")
  boolean enabled();

  /** Where the demo keeps its clusters' ports and records, so a restart finds the same clusters. */
  @WithDefault("./data/demo")
  String dir();

  /** The demo wave's plan files ({@code bin/aeroshift} sets the checkout's {@code demo-plans/}). */
  @WithDefault("demo-plans")
  String plansDir();

  /**
   * Share of the generated records written on a fresh start (1.0: 110,000); tests take a small
   * share to stay quick.
   */
  @WithDefault("1.0")
  double recordsScale();

  /**
   * Port of the mock Kubernetes API server on 127.0.0.1 on a fresh start (0: a free one); later
   * starts take the port recorded under {@link #dir}.
   */
  @WithDefault("0")
  int kubernetesPort();

  /** Writes per second of each simulated application (0: none started). */
  @WithDefault("20")
  int applicationWritesPerSecond();
}
