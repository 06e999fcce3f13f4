package io.aeroshift.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a job runner holds the runs it works on in a shared state store: its name in their leases
 * and how long a lease lasts without being renewed. Two runners on one store must have different
 * owners; a runner renews its leases well within {@code ttl}, so a run whose lease ran out has no
 * live runner and another may take it over.
 */
public record LeaseTerms(String owner, Duration ttl) {
  /** How long a lease lasts unrenewed, unless configured ({@code aeroshift.jobs.lease-ttl}). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  public LeaseTerms {
    Objects.requireNonNull(owner, "owner");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease lasts a positive time, not " + ttl);
    }
  }

  /** A runner of this process under a name of its own (host name and a random tag). */
  public static LeaseTerms newRunner(Duration ttl) {
    String host = System.getenv().getOrDefault("HOSTNAME", "local");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String owner = host.length() > 100 ? host.substring(0, 100) : host;
    return new LeaseTerms(owner + "-" + tag, ttl);
  }

  /** How often a runner renews its leases: three times per lease, so one slow renewal loses nothing. */
  public Duration renewEvery() {
    return ttl.dividedBy(3);
  }
}
