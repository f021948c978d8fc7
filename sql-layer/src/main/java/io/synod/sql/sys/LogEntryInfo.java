package io.synod.sql.sys;

import java.time.Instant;

/**
 * One entry of a group's replicated log: its position, the term it was proposed in, what kind of
 * command it carries (a short name such as TXN, PUT, CONF_CHANGE), its size, and when it was
 * appended (null when unknown).
 */
public record LogEntryInfo(long groupId, long index, long term, String kind, int sizeBytes, Instant appendedAt) {
}
