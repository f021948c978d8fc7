package io.synod.kv.consensus.api;

/** Volatile state worth reporting: who leads, and this replica's role. */
public record SoftState(long leaderId, Role role) {
}
