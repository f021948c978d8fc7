package io.synod.sql.sys;

import java.time.Instant;

/**
 * A transaction in flight on this gateway, as {@code sys.transactions} shows it: which
 * connection runs it, when it began, how many store reads it has made, whether its statements
 * have buffered writes, and its state (ACTIVE, COMMITTING, FAILED: a failed transaction waits for the client's ROLLBACK).
 */
public record TransactionInfo(long id, long connectionId, String user, Instant startedAt, long reads, boolean hasWrites,
                              String state, boolean readOnly) {
}
