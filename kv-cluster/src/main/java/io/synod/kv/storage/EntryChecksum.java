package io.synod.kv.storage;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC32C that guards a log entry on disk and on the wire: over the index and term (8 bytes
 * each, big-endian), the entry type's wire number (1 byte) and the data.
 */
public final class EntryChecksum {

    private EntryChecksum() {
    }

    public static int of(LogEntry entry) {
        return of(entry.index(), entry.term(), entry.type(), entry.data());
    }

    public static int of(long index, long term, EntryType type, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(17).putLong(index).putLong(term).put(wireNumber(type)).flip());
        crc.update(data);
        return (int) crc.getValue();
    }

    /** The number peer.proto gives each entry type; stable even if the Java enum is reordered. */
    private static byte wireNumber(EntryType type) {
        return switch (type) {
            case NORMAL -> 0;
            case CONF_CHANGE -> 1;
            case NOOP -> 2;
        };
    }
}
