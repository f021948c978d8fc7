package io.synod.kv.consensus.support;

import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/**
 * The follower's side of a chunked snapshot transfer: accepts chunks strictly in order, and on
 * the last one checks the total size and CRC32C against the snapshot's meta. Every answer names
 * the offset the follower wants next; a chunk at offset 0 of a different snapshot starts over.
 */
public final class SnapshotAssembler {

    /** What to tell the leader: the offset expected next, or the finished snapshot. */
    public record Outcome(boolean accepted, long expectedOffset, Snapshot complete) {
    }

    private SnapshotMeta meta;
    private ByteArrayOutputStream data;

    public Outcome accept(SnapshotMeta chunkMeta, long offset, byte[] chunk, boolean done) {
        if (offset == 0 && (meta == null || !sameSnapshot(meta, chunkMeta))) {
            meta = chunkMeta;
            data = new ByteArrayOutputStream();
        }
        if (meta == null || !sameSnapshot(meta, chunkMeta)) {
            return new Outcome(false, 0, null);
        }
        long expected = data.size();
        if (offset < expected) {
            return new Outcome(true, expected, null);
        }
        if (offset > expected) {
            return new Outcome(false, expected, null);
        }
        data.write(chunk, 0, chunk.length);
        if (!done) {
            return new Outcome(true, data.size(), null);
        }
        byte[] all = data.toByteArray();
        SnapshotMeta finished = meta;
        reset();
        if (all.length != finished.sizeBytes() || checksum(all) != finished.checksum()) {
            return new Outcome(false, 0, null);
        }
        return new Outcome(true, all.length, new Snapshot(finished, all));
    }

    public void reset() {
        meta = null;
        data = null;
    }

    /** Whether two metas describe the same snapshot: same position, size and checksum. */
    public static boolean sameSnapshot(SnapshotMeta a, SnapshotMeta b) {
        return a.index() == b.index() && a.term() == b.term() && a.sizeBytes() == b.sizeBytes()
                && a.checksum() == b.checksum();
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
