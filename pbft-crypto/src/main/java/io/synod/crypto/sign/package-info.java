/**
 * Signing and verifying: {@link io.synod.crypto.sign.SignBytes} (the canonical, domain-separated
 * bytes a signature covers), {@link io.synod.crypto.sign.Signer} and
 * {@link io.synod.crypto.sign.Verifier} with their Ed25519 implementations over Bouncy Castle, and
 * {@link io.synod.crypto.sign.CachingVerifier}, which checks a signature seen twice once.
 */
package io.synod.crypto.sign;
