package io.synod.sql.kv;

import java.util.List;
import java.util.Objects;

/**
 * One scan answer: entries in scan order, whether keys remain beyond the last one (cut off by
 * the limit or the page size), and the revision every entry was read at.
 */
public record ScanPage(List<KvEntry> entries, boolean more, long revision) {

    public ScanPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
}
