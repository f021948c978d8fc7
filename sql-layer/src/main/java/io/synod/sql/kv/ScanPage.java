package io.synod.sql.kv;

import java.util.List;
import java.util.Objects;

/**
 * One scan answer: entries in scan order, whether keys remain beyond the last one (cut off by
 * the limit or the page size), the revision every entry was read at, and the entry at the
 * scan's guard key read at that same revision (null when absent or no guard was asked for).
 */
public record ScanPage(List<KvEntry> entries, boolean more, long revision, KvEntry guard) {

    public ScanPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    public ScanPage(List<KvEntry> entries, boolean more, long revision) {
        this(entries, more, revision, null);
    }
}
