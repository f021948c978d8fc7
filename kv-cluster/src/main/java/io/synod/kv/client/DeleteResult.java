package io.synod.kv.client;

/** A delete's revision and whether the key existed. */
public record DeleteResult(long revision, boolean deleted) {
}
