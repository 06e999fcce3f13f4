package io.aeroshift.jobs;

import java.util.List;

/**
 * The target of a validation or copy request: exactly one of a registered cluster ({@code
 * {"cluster":"name"}}) and plain seeds ({@code {"seeds":["host:port"]}}, no credentials).
 */
public record TargetRef(String cluster, List<String> seeds) {}
