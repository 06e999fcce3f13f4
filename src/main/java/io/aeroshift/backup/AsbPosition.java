package io.aeroshift.backup;

/**
 * Where an entry sits in the decoded text of a backup file, for checkpoints and error messages.
 *
 * @param line 1-based physical line on which the entry starts
 * @param offset byte offset of the entry's first byte
 * @param endOffset byte offset just after the entry's last byte (its final LF)
 * @param endLine the line following the entry, i.e. where the next entry starts
 */
public record AsbPosition(long line, long offset, long endOffset, long endLine) {}
