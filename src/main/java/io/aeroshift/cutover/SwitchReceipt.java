package io.aeroshift.cutover;

import java.time.Instant;

/**
 * A finished switch.
 *
 * @param method the switch method's plan spelling
 * @param finishedAt when the clients were known to use the new seeds
 * @param detail what was done (objects changed, webhook status), never a secret
 */
public record SwitchReceipt(String method, Instant finishedAt, String detail) {}
