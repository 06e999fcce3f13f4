package io.aeroshift.workflow.machine;

/** One reason a migration may not cut over now: a stable code and the details in words. */
public record CutoverBlocker(String reason, String detail) {}
