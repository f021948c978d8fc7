/**
 * Quorum certificates: a quorum (2f+1 of n = 3f+1) of members' signatures over one
 * {@link io.synod.crypto.cert.Statement}; a builder that only counts verified signatures of
 * distinct members, a canonical byte encoding, and a verifier for received certificates that says
 * what is wrong with a bad one.
 */
package io.synod.crypto.cert;
