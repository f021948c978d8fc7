package io.synod.kv.storage.lmdb;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.CorruptionException;
import io.synod.kv.storage.LogStore;
import io.synod.kv.storage.LogStoreContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LmdbLogStoreTest extends LogStoreContractTest {

    /** Small chunks so that the contract's snapshots span many chunk records. */
    private static final LmdbOptions OPTIONS = LmdbOptions.defaults()
            .withMapSizeBytes(64L << 20).withSnapshotChunkBytes(1_000);

    @TempDir
    Path dir;

    @Override
    protected LogStore newStore(ConfState bootstrap) {
        return LmdbLogStore.open(dir, bootstrap, OPTIONS);
    }

    /** Reopens with a different bootstrap, which must be ignored for an existing store. */
    @Override
    protected Optional<LogStore> reopen(LogStore current) {
        current.close();
        return Optional.of(LmdbLogStore.open(dir, ConfState.ofVoters(List.of(9L)), OPTIONS));
    }

    @Override
    protected Optional<LogStore> corruptEntry(LogStore current, long index) {
        current.close();
        flipLastByte(LmdbLogStore.ENTRIES_DB, Keys.ofLong(index));
        return Optional.of(LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS));
    }

    /** One transaction: a part that fails its checks leaves the parts before it unwritten too. */
    @Test
    void persistWritesAllOrNothing() {
        store.append(entries(1, 3, 2));
        store.setHardState(new HardState(2, 1, 1));

        assertThatThrownBy(() -> store.persist(null, entries(4, 2, 2), new HardState(2, 1, 9), new byte[] {7}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad commit 9");

        assertThat(store.lastIndex()).isEqualTo(3);
        assertThat(store.hardState()).isEqualTo(new HardState(2, 1, 1));
        assertThat(store.engineState()).isEmpty();
    }

    @Test
    void corruptSnapshotChunkIsDetected() {
        store.append(entries(1, 2, 1));
        byte[] data = randomBytes(5_000, 1);
        commitThrough(2);
        store.compact(2, data, BOOTSTRAP);
        store.close();
        flipLastByte(LmdbLogStore.SNAPSHOT_DB, Keys.ofLong(2));
        store = LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS);

        assertThat(store.snapshotChunk(0, 1_000)).isEqualTo(Arrays.copyOf(data, 1_000));
        assertThatThrownBy(() -> store.snapshotChunk(1_500, 1_000))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("snapshot chunk 2");
    }

    @Test
    void corruptHardStateIsDetected() {
        store.append(entries(1, 2, 3));
        store.setHardState(new HardState(3, 1, 2));
        store.close();
        flipLastByte(LmdbLogStore.STATE_DB, Keys.HARD_STATE);
        store = LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS);

        assertThatThrownBy(() -> store.hardState())
                .isInstanceOf(CorruptionException.class).hasMessageContaining("hard state");
    }

    @Test
    void directoryOfAnotherNodeIsRejected() {
        store.close();
        LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS.withNodeId(1)).close();

        assertThatThrownBy(() -> LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS.withNodeId(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to node 1");
        store = LmdbLogStore.open(dir, BOOTSTRAP, OPTIONS.withNodeId(1));
        assertThat(store.lastIndex()).isZero();
    }

    @Test
    void fullMapFailsClearlyAndKeepsTheStoreReadable(@TempDir Path small) {
        byte[] big = new byte[100_000];
        try (LmdbLogStore tiny = LmdbLogStore.open(small, BOOTSTRAP, OPTIONS.withMapSizeBytes(1L << 20))) {
            long index = 1;
            try {
                while (index < 100) {
                    tiny.append(List.of(LogEntry.normal(index, 1, big)));
                    index++;
                }
            } catch (StoreFullException e) {
                assertThat(e).hasMessageContaining("mapSizeBytes");
            }
            assertThat(index).isBetween(2L, 20L);
            assertThat(tiny.lastIndex()).isEqualTo(index - 1);
            assertThat(tiny.entries(1, 2, Long.MAX_VALUE).get(0).data()).isEqualTo(big);
            tiny.setHardState(new HardState(1, 1, 1));
            assertThat(tiny.hardState()).isEqualTo(new HardState(1, 1, 1));
        }
    }

    /** Each read is one committed state: appends of 10 entries appear whole, never halfway. */
    @Test
    void readersOnOtherThreadsSeeWholeWrites() {
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            long reads = 0;
            long previousLast = 0;
            while (writing.get()) {
                long last = store.lastIndex();
                assertThat(last % 10).isZero();
                assertThat(last).isGreaterThanOrEqualTo(previousLast);
                previousLast = last;
                SnapshotMeta snap = store.snapshotMeta();
                assertThat(snap.sizeBytes()).isEqualTo(snap.index() == 0 ? 0 : 100);
                reads++;
            }
            return reads;
        });
        for (long i = 1; i <= 2_000; i += 10) {
            store.append(entries(i, 10, 1));
            if (i % 500 == 1 && i > 1) {
                commitThrough(i - 1);
                store.compact(i - 1, randomBytes(100, i), BOOTSTRAP);
            }
        }
        writing.set(false);

        assertThat(reader.join()).isPositive();
        assertThat(store.lastIndex()).isEqualTo(2_000);
    }

    private void flipLastByte(String dbName, byte[] key) {
        try (Env<byte[]> env = Env.create(PinnedByteArrayProxy.INSTANCE).setMaxDbs(4).open(dir.toFile())) {
            Dbi<byte[]> db = env.openDbi(dbName);
            try (Txn<byte[]> txn = env.txnWrite()) {
                byte[] value = db.get(txn, key).clone();
                value[value.length - 1] ^= 0x01;
                db.put(txn, key, value);
                txn.commit();
            }
        }
    }
}
