/**
 * Verifying many signatures at once, with a per-signature answer: sequentially (deterministic, the
 * default and the simulator's) or spread over a small thread pool.
 */
package io.synod.crypto.batch;
