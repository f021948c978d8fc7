package io.synod.kv.client;

import java.util.Optional;

/**
 * Whether a compare-and-set swapped, at which revision, and the key's value afterwards (the new
 * value when it succeeded, the unchanged one when it did not, empty if the key is absent).
 */
public record CasResult(boolean succeeded, long revision, Optional<KeyValue> current) {
}
