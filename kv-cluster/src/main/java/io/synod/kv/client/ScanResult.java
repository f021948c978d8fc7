package io.synod.kv.client;

import java.util.List;

/**
 * The keys a scan found, in scan order, whether the limit or the response size bound cut off
 * more (continue after the last key), and the revision
 * (applied index) of the state it was served from: no key in it was written after that
 * revision, and every write after it has a higher one.
 */
public record ScanResult(List<KeyValue> kvs, boolean more, long revision) {
}
