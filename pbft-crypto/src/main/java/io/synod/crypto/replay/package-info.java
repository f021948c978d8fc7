/** Replay protection for client requests: per-client sliding windows of sequence numbers in bounded memory. */
package io.synod.crypto.replay;
