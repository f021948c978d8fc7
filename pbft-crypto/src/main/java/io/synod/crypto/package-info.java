/**
 * Keys, signatures and quorum certificates for Byzantine-fault-tolerant replication (Ed25519
 * through Bouncy Castle). This module holds no protocol logic: PBFT in {@code kv-cluster} asks it
 * to sign canonical message bytes and to verify them. Filled by the pluggable-consensus work.
 */
package io.synod.crypto;
