package io.synod.kv.storage.lmdb;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.CorruptionException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Payload layouts (before {@link Checksummed} seals them). All numbers big-endian.
 * <ul>
 *   <li>log entry: term:8, type:1, data</li>
 *   <li>hard state: term:8, vote:8, commit:8</li>
 *   <li>repair floor: index:8, term:8</li>
 *   <li>snapshot meta: index:8, term:8, size:8, checksum:4, chunkBytes:4, voters:4+8n, learners:4+8n</li>
 *   <li>snapshot chunk: snapshot index:8, data (so a chunk left from another snapshot is caught)</li>
 * </ul>
 * Entry type codes are fixed here rather than taken from enum ordinals, which may be reordered.
 */
final class RecordCodec {

    private static final int ENTRY_HEADER = Long.BYTES + 1;

    private RecordCodec() {
    }

    static byte[] encodeEntry(LogEntry e) {
        return ByteBuffer.allocate(ENTRY_HEADER + e.data().length)
                .putLong(e.term()).put(typeCode(e.type())).put(e.data()).array();
    }

    static LogEntry decodeEntry(long index, byte[] payload) {
        String record = "log entry " + index;
        if (payload.length < ENTRY_HEADER) {
            throw new CorruptionException(record + " is shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        long term = b.getLong();
        EntryType type = typeOf(b.get(), record);
        return new LogEntry(index, term, type, Arrays.copyOfRange(payload, ENTRY_HEADER, payload.length));
    }

    static byte[] encodeRepairFloor(RepairFloor floor) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(floor.index()).putLong(floor.term()).array();
    }

    static RepairFloor decodeRepairFloor(byte[] payload) {
        if (payload.length != 2 * Long.BYTES) {
            throw new CorruptionException("repair floor record has length " + payload.length);
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new RepairFloor(b.getLong(), b.getLong());
    }

    static byte[] encodeHardState(HardState hs) {
        return ByteBuffer.allocate(3 * Long.BYTES).putLong(hs.term()).putLong(hs.vote()).putLong(hs.commit()).array();
    }

    static HardState decodeHardState(byte[] payload) {
        if (payload.length != 3 * Long.BYTES) {
            throw new CorruptionException("hard state record has length " + payload.length);
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new HardState(b.getLong(), b.getLong(), b.getLong());
    }

    static byte[] encodeSnapshot(StoredSnapshot s) {
        SnapshotMeta m = s.meta();
        ConfState c = m.confState();
        ByteBuffer b = ByteBuffer.allocate(3 * Long.BYTES + 4 * Integer.BYTES
                + Long.BYTES * (c.voters().size() + c.learners().size()));
        b.putLong(m.index()).putLong(m.term()).putLong(m.sizeBytes()).putInt(m.checksum()).putInt(s.chunkBytes());
        putIds(b, c.voters());
        putIds(b, c.learners());
        return b.array();
    }

    static StoredSnapshot decodeSnapshot(byte[] payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            long index = b.getLong();
            long term = b.getLong();
            long size = b.getLong();
            int checksum = b.getInt();
            int chunkBytes = b.getInt();
            ConfState conf = new ConfState(getIds(b), getIds(b));
            if (b.hasRemaining() || chunkBytes <= 0 || size < 0) {
                throw new CorruptionException("snapshot meta record is malformed");
            }
            return new StoredSnapshot(new SnapshotMeta(index, term, conf, size, checksum), chunkBytes);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptionException("snapshot meta record is malformed: " + e);
        }
    }

    static byte[] encodeChunk(long snapshotIndex, byte[] data, int from, int length) {
        return ByteBuffer.allocate(Long.BYTES + length).putLong(snapshotIndex).put(data, from, length).array();
    }

    /** Returns the chunk's data after checking it belongs to {@code s} and has the right length. */
    static byte[] decodeChunk(StoredSnapshot s, long chunkNo, byte[] payload) {
        String record = "snapshot chunk " + chunkNo + " of snapshot " + s.meta().index();
        if (payload.length < Long.BYTES || ByteBuffer.wrap(payload).getLong() != s.meta().index()) {
            throw new CorruptionException(record + " belongs to another snapshot");
        }
        if (payload.length - Long.BYTES != s.chunkLength(chunkNo)) {
            throw new CorruptionException(record + " has length " + (payload.length - Long.BYTES));
        }
        return Arrays.copyOfRange(payload, Long.BYTES, payload.length);
    }

    private static byte typeCode(EntryType type) {
        return switch (type) {
            case NORMAL -> 0;
            case CONF_CHANGE -> 1;
            case NOOP -> 2;
        };
    }

    private static EntryType typeOf(byte code, String record) {
        return switch (code) {
            case 0 -> EntryType.NORMAL;
            case 1 -> EntryType.CONF_CHANGE;
            case 2 -> EntryType.NOOP;
            default -> throw new CorruptionException(record + " has unknown type code " + code);
        };
    }

    private static void putIds(ByteBuffer b, SortedSet<Long> ids) {
        b.putInt(ids.size());
        ids.forEach(b::putLong);
    }

    private static SortedSet<Long> getIds(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || (long) n * Long.BYTES > b.remaining()) {
            throw new CorruptionException("snapshot meta record has a bad member count " + n);
        }
        TreeSet<Long> ids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(b.getLong());
        }
        return ids;
    }
}
