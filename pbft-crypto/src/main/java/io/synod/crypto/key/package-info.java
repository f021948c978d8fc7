/**
 * Node identities: {@link io.synod.crypto.key.NodeKeyPair} (a node id and its Ed25519 key pair,
 * random or derived from a simulation seed), {@link io.synod.crypto.key.PublicKey} (32 bytes,
 * validated as a curve point) and {@link io.synod.crypto.key.ClusterKeys} (every member's public
 * key, and the fault arithmetic n, f, quorum).
 */
package io.synod.crypto.key;
