package io.synod.kv.client;

import java.util.List;

/** The keys a scan found, in scan order, and whether the limit cut off more. */
public record ScanResult(List<KeyValue> kvs, boolean more) {
}
