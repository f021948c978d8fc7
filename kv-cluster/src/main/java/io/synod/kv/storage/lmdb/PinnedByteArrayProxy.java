package io.synod.kv.storage.lmdb;

import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.provider.MemoryManager;
import org.lmdbjava.BufferProxy;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Passes {@code byte[]} keys and values to LMDB through native copies that stay reachable until
 * the native call using them has returned.
 *
 * <p>lmdbjava's own byte-array proxy (0.9.1, the last release whose bundled library runs on this
 * platform's glibc) drops its reference to each native copy as soon as the copy's address is
 * written into the call's MDB_val. A garbage collection before the call lets jnr-ffi free the
 * copy, and LMDB then reads freed memory: the JVM died with SIGSEGV in {@code memcmp} under
 * {@code mdb_put}. Here every thread keeps its most recent copies (an LMDB call takes at most a key
 * and a value) until its next call replaces them.
 */
final class PinnedByteArrayProxy extends BufferProxy<byte[]> {

    static final PinnedByteArrayProxy INSTANCE = new PinnedByteArrayProxy();

    /** Copies one call may hand to LMDB (key and value), with room to spare. */
    private static final int PINNED_PER_THREAD = 4;
    private static final MemoryManager MEMORY = Runtime.getSystemRuntime().getMemoryManager();

    private final ThreadLocal<Pinned> pinned = ThreadLocal.withInitial(Pinned::new);

    private PinnedByteArrayProxy() {
    }

    /** The native copies a thread handed to LMDB last, oldest replaced first. */
    private static final class Pinned {
        private final Pointer[] copies = new Pointer[PINNED_PER_THREAD];
        private int next;

        void keep(Pointer copy) {
            copies[next] = copy;
            next = (next + 1) % copies.length;
        }
    }

    @Override
    protected byte[] allocate() {
        return new byte[0];
    }

    @Override
    protected void deallocate(byte[] buffer) {
    }

    @Override
    protected byte[] getBytes(byte[] buffer) {
        return buffer.clone();
    }

    @Override
    protected Comparator<byte[]> getSignedComparator() {
        return Arrays::compare;
    }

    @Override
    protected Comparator<byte[]> getUnsignedComparator() {
        return Arrays::compareUnsigned;
    }

    @Override
    protected void in(byte[] buffer, Pointer mdbVal, long mdbValAddress) {
        Pointer copy = MEMORY.allocateDirect(buffer.length);
        copy.put(0, buffer, 0, buffer.length);
        pinned.get().keep(copy);
        mdbVal.putLong(STRUCT_FIELD_OFFSET_SIZE, buffer.length);
        mdbVal.putAddress(STRUCT_FIELD_OFFSET_DATA, copy.address());
    }

    /** MDB_RESERVE hands out LMDB's own memory, which a byte[] cannot wrap; nothing here asks for it. */
    @Override
    protected void in(byte[] buffer, int size, Pointer mdbVal, long mdbValAddress) {
        throw new UnsupportedOperationException("byte[] values cannot reserve space in LMDB");
    }

    @Override
    protected byte[] out(byte[] buffer, Pointer mdbVal, long mdbValAddress) {
        long address = mdbVal.getAddress(STRUCT_FIELD_OFFSET_DATA);
        int size = (int) mdbVal.getLong(STRUCT_FIELD_OFFSET_SIZE);
        byte[] bytes = new byte[size];
        MEMORY.newPointer(address, size).get(0, bytes, 0, size);
        return bytes;
    }
}
