package io.aeroshift.planning;

/**
 * Something the plan allows but a reviewer must see.
 *
 * @param code stable identifier, e.g. {@code SECURITY_OFF}, {@code LICENCE_NOT_ACKNOWLEDGED}
 * @param message what and why, in words
 */
public record PlanWarning(String code, String message) {}
