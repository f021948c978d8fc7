/**
 * Keys, signatures, digests, quorum certificates and replay protection for Byzantine-fault-tolerant
 * replication, on Ed25519 through Bouncy Castle's lightweight API (the JDK's own Ed25519 is about
 * 20 times slower here). This module holds no protocol logic: PBFT in {@code kv-cluster} builds the
 * bytes to sign from its messages' fields, and asks this module to sign, verify and certify them,
 * the split CometBFT makes between {@code crypto} and its consensus code.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.synod.crypto.key}: node key pairs (random, or derived from a simulation seed so a
 *       simulated cluster replays exactly), public keys, and {@code ClusterKeys} with n, f and the
 *       quorum size.</li>
 *   <li>{@link io.synod.crypto.keyfile}: the private key file (mode 0600, refused when group or
 *       others can read it) and the cluster keys file every replica loads; {@code synod keygen}
 *       writes both.</li>
 *   <li>{@link io.synod.crypto.sign}: {@code SignBytes}, the canonical length-prefixed encoding of
 *       the fields a signature covers, which starts with a per-kind {@code Domain} tag so that a
 *       signature on one kind of message never verifies as another; {@code Signer} and
 *       {@code Verifier}; {@code CachingVerifier}.</li>
 *   <li>{@link io.synod.crypto.batch}: verifying many signatures with one answer each.</li>
 *   <li>{@link io.synod.crypto.digest}: SHA-256 digests of requests and batches, compared in
 *       constant time.</li>
 *   <li>{@link io.synod.crypto.cert}: quorum certificates (a quorum of signatures over one
 *       statement: kind, group, view, sequence, digest), their builder, canonical encoding and
 *       verification.</li>
 *   <li>{@link io.synod.crypto.replay}: a bounded, deterministic guard against replayed client
 *       requests.</li>
 * </ul>
 *
 * <h2>Costs, and batch verification</h2>
 * Measured with {@link io.synod.crypto.bench.CryptoBenchmark} (Bouncy Castle 1.87, OpenJDK 17, 2
 * cores shared with other builds at a load average of 22 to 29, so per-CPU-second figures are the
 * meaningful ones; the build notes record about 32,000 signatures/s and 15,600 verifications/s per
 * core on an idle machine):
 * <ul>
 *   <li>sign an 88-byte PREPARE: 30 to 32 µs of CPU (31,000 to 34,000/s per core);</li>
 *   <li>verify: 65 to 102 µs of CPU (10,000 to 15,000/s per core);</li>
 *   <li>verify through {@code CachingVerifier}, hit: 0.3 to 1.4 µs;</li>
 *   <li>decode and verify a certificate, n = 4 (3 signatures, 290 bytes): 200 to 210 µs of CPU;
 *       n = 7 (5 signatures): about 350 µs; n = 10 (7 signatures): about 480 µs. Building one for
 *       n = 4 (three verified additions): 200 to 280 µs.</li>
 * </ul>
 * Bouncy Castle offers no Ed25519 batch verification (the random-linear-combination kind that
 * checks many signatures for the cost of about half as many), and its point arithmetic is not
 * public, so the only batching available is spreading single verifications over threads
 * ({@code ParallelBatchVerifier}). It costs about the same CPU per verification as doing them in
 * order (65 to 100 µs either way in batches of 3 to 256, with no consistent difference): it can
 * only move work to an idle core, never save work. On the shared 2-core machine its wall-clock
 * effect ranged, over four runs, from half as fast to eight times as fast for the same batch
 * size: it depended on whether the other core happened to be free. A replica
 * under load has no idle core (its gRPC event loops, runtime thread and storage use both), so the
 * decision is: verify sequentially ({@code SequentialBatchVerifier}, also the only choice in the
 * simulator, which must stay on one thread) behind a {@code CachingVerifier}, which does pay: PBFT
 * meets the same signed votes again inside certificates and view-change proofs, and a hit is 50 to
 * 300 times cheaper than a verification. {@code ParallelBatchVerifier} stays available for large
 * batches on machines with spare cores.
 */
package io.synod.crypto;
