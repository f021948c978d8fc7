package io.synod.kv.client;

import java.util.Optional;

/** A put's revision (its log index) and the key's previous value, if it had one. */
public record PutResult(long revision, Optional<KeyValue> previous) {
}
