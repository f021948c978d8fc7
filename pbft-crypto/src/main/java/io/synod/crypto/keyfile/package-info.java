/**
 * The two key files, as documented text: a node's private key file (owner-only, 0600, refused
 * otherwise) and the cluster keys file every replica loads. Written atomically; loading explains
 * exactly what is wrong with a malformed, truncated or mistyped file.
 */
package io.synod.crypto.keyfile;
