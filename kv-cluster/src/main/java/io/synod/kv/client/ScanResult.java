package io.synod.kv.client;

import java.util.List;

/**
 * The keys a scan found, in scan order, whether the limit or the response size bound cut off
 * more (continue after the last key), and the revision
 * (applied index) of the state it was served from: no key in it was written after that
 * revision, and every write after it has a higher one. {@code guard}: the entry at the guard key
 * asked for, read at the same revision (null when absent or not asked for).
 */
public record ScanResult(List<KeyValue> kvs, boolean more, long revision, KeyValue guard) {

    public ScanResult(List<KeyValue> kvs, boolean more, long revision) {
        this(kvs, more, revision, null);
    }
}
