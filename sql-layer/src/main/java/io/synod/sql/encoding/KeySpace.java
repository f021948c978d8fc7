package io.synod.sql.encoding;

import java.nio.ByteBuffer;

/**
 * Where everything lives in the one ordered key space:
 * <ul>
 *   <li>{@code 01 'c' ...} the catalog; {@code 01 'c' 'v'} its version (8 bytes, big-endian,
 *       bumped by every DDL), {@code 01 'c' 'o' <kind> <names>} one key per catalog object;</li>
 *   <li>{@code 01 's' <name>} sequences (table ids, hidden row ids);</li>
 *   <li>{@code 01 'g' <key prefix>} data of dropped tables and indexes, to be purged;</li>
 *   <li>{@code 02 <tableId:u32> <indexId:u32> <key columns>} rows: index 0 is the primary key
 *       (value = the row), others secondary index entries.</li>
 * </ul>
 */
public final class KeySpace {

    private static final byte SYSTEM = 0x01;
    private static final byte TABLES = 0x02;

    /** Every catalog key starts with this. */
    public static final byte[] CATALOG_PREFIX = {SYSTEM, 'c'};
    /** The catalog version, bumped by every DDL. */
    public static final byte[] CATALOG_VERSION = {SYSTEM, 'c', 'v'};
    /** Catalog object definitions: {@code CATALOG_OBJECTS <kind byte> <encoded names>}. */
    public static final byte[] CATALOG_OBJECTS = {SYSTEM, 'c', 'o'};
    /** Every sequence key starts with this. */
    public static final byte[] SEQUENCE_PREFIX = {SYSTEM, 's'};
    /** A dropped table's or index's key prefix follows this, until its data is purged. */
    public static final byte[] DROPPED_PREFIX = {SYSTEM, 'g'};
    /** Every row and index key starts with this. */
    public static final byte[] TABLE_DATA_PREFIX = {TABLES};

    /** The primary index's id: its entries are the rows. */
    public static final int PRIMARY_INDEX_ID = 0;

    private KeySpace() {
    }

    /** The key of sequence {@code name}. */
    public static byte[] sequenceKey(String name) {
        return new KeyEncoder(SEQUENCE_PREFIX).writeString(name).toByteArray();
    }

    /** Every key of table {@code tableId} (rows and index entries) starts with this. */
    public static byte[] tablePrefix(int tableId) {
        return new KeyEncoder(TABLE_DATA_PREFIX).writeU32(tableId).toByteArray();
    }

    /** Every entry of index {@code indexId} of table {@code tableId} starts with this. */
    public static byte[] indexPrefix(int tableId, int indexId) {
        return new KeyEncoder(TABLE_DATA_PREFIX).writeU32(tableId).writeU32(indexId).toByteArray();
    }

    /** The marker that the keys starting with {@code dataPrefix} belong to a dropped object. */
    public static byte[] droppedKey(byte[] dataPrefix) {
        return new KeyEncoder(DROPPED_PREFIX).writeRaw(dataPrefix).toByteArray();
    }

    public static byte[] encodeCatalogVersion(long version) {
        return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
    }

    public static long decodeCatalogVersion(byte[] value) {
        if (value.length != Long.BYTES) {
            throw new IllegalArgumentException("catalog version of " + value.length + " bytes");
        }
        return ByteBuffer.wrap(value).getLong();
    }
}
