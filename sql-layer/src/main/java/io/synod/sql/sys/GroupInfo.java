package io.synod.sql.sys;

/**
 * One consensus group: its leader (0 when none is known), the leader's term and commit index,
 * and how many voting and learning members it has.
 */
public record GroupInfo(long id, long leaderId, long term, long commitIndex, int voters, int learners) {
}
