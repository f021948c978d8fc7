/** SHA-256 digests of client requests and request batches, compared in constant time. */
package io.synod.crypto.digest;
