package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.statemachine.KvLimits;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.ScanResponse;
import io.synod.proto.kv.TxnCompare;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same random command stream (transactions included, their compares taken from what a reader
 * sees) applied to state machines over memory, LMDB and SQLite stores
 * gives byte-identical results, query answers, digests and snapshots, also after the durable
 * machines are closed and reopened from their files and after a snapshot is restored into a
 * fresh one.
 */
class KvStateMachineDifferentialTest {

    private static final int MAX_SESSIONS = 4;

    @TempDir
    Path dir;
    private final List<KvStateMachine> machines = new ArrayList<>();
    private final Random random = new Random(20_251_124);
    private final long[] sequences = new long[7];
    private long index;
    /** Transactions decided [failed, succeeded], to show the stream exercises both. */
    private final int[] txnOutcomes = new int[2];

    @AfterEach
    void close() {
        machines.forEach(KvStateMachine::close);
    }

    private KvStateMachine lmdb(String name) {
        return new KvStateMachine(LmdbStateStore.open(dir.resolve(name), 256L << 20), MAX_SESSIONS);
    }

    private KvStateMachine sqlite(String name) {
        return new KvStateMachine(SqliteStateStore.open(dir.resolve(name + ".sqlite")), MAX_SESSIONS);
    }

    @Test
    void everyStoreKindGivesTheSameResultsDigestsAndSnapshots() {
        machines.add(new KvStateMachine(new MemoryStateStore(), MAX_SESSIONS));
        machines.add(lmdb("lmdb"));
        machines.add(sqlite("sqlite"));

        run(600);

        // Restart the durable machines from their files: they continue at their applied index.
        long digest = machines.get(0).digest();
        for (int i = 1; i < 3; i++) {
            machines.get(i).close();
        }
        machines.set(1, lmdb("lmdb"));
        machines.set(2, sqlite("sqlite"));
        for (KvStateMachine m : machines) {
            assertThat(m.appliedIndex()).isEqualTo(index);
            assertThat(m.digest()).isEqualTo(digest);
        }

        run(400);

        // A learner on SQLite and another on LMDB, both started from the memory machine's snapshot.
        byte[] snapshot = machines.get(0).snapshot();
        KvStateMachine learner = sqlite("learner");
        machines.add(learner);
        learner.restore(index, snapshot);
        KvStateMachine lmdbLearner = lmdb("lmdb-learner");
        machines.add(lmdbLearner);
        lmdbLearner.restore(index, snapshot);

        run(400);

        byte[] finalSnapshot = machines.get(0).snapshot();
        for (KvStateMachine m : machines) {
            assertThat(m.snapshot()).isEqualTo(finalSnapshot);
            assertThat(m.sessionCount()).isEqualTo(machines.get(0).sessionCount());
        }
        assertThat(txnOutcomes[0]).as("failed transactions").isGreaterThan(20);
        assertThat(txnOutcomes[1]).as("succeeded transactions").isGreaterThan(20);
    }

    private void run(int commands) {
        for (int i = 0; i < commands; i++) {
            index += 1 + (random.nextInt(10) == 0 ? random.nextInt(3) : 0);
            byte[] command = randomCommand().toByteArray();
            byte[] expected = machines.get(0).apply(index, command);
            KvCommandResult decoded = KvCommands.decodeResult(expected);
            if (decoded.hasTxn()) {
                txnOutcomes[decoded.getTxn().getSucceeded() ? 1 : 0]++;
            }
            for (KvStateMachine m : machines.subList(1, machines.size())) {
                assertThat(m.apply(index, command)).as("result at index %d", index).isEqualTo(expected);
            }
            if (i % 25 == 0) {
                compareQueries();
            }
        }
    }

    private void compareQueries() {
        long digest = machines.get(0).digest();
        for (int q = 0; q < 3; q++) {
            ByteString start = random.nextInt(4) == 0 ? ByteString.EMPTY : key();
            ByteString end = random.nextBoolean() ? ByteString.EMPTY : key();
            byte[] query = KvCommands.scanQuery(start, end, random.nextInt(4) == 0 ? 0 : random.nextInt(8),
                    random.nextBoolean()).toByteArray();
            byte[] get = KvCommands.getQuery(key()).toByteArray();
            byte[] expectedScan = machines.get(0).query(query);
            byte[] expectedGet = machines.get(0).query(get);
            for (KvStateMachine m : machines) {
                assertThat(m.query(query)).isEqualTo(expectedScan);
                assertThat(m.query(get)).isEqualTo(expectedGet);
                assertThat(m.digest()).isEqualTo(digest);
            }
        }
    }

    private ByteString key() {
        return StateStoreContractTest.randomKey(random);
    }

    /**
     * A transaction whose compares are what a reader of the first machine sees now, sometimes
     * off by a key or a revision, and sometimes over a reversed (invalid) range.
     */
    private KvCommand randomTxn(ByteString value) {
        List<TxnCompare> compares = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            ByteString start = random.nextInt(4) == 0 ? ByteString.EMPTY : key();
            ByteString end = random.nextBoolean() ? ByteString.EMPTY : key();
            ScanResponse seen = KvCommands.decodeResult(machines.get(0).query(
                    KvCommands.scanQuery(start, end, 0, false).toByteArray())).getScan();
            long count = seen.getKvsCount() + (random.nextInt(6) == 0 ? 1 : 0);
            long revision = seen.getHeader().getRevision() - (random.nextInt(6) == 0 ? random.nextInt(30) : 0);
            compares.add(KvCommands.compare(start, end, count, Math.max(0, revision)));
        }
        List<BatchOp> ops = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            ops.add(random.nextInt(3) == 0 ? KvCommands.batchDelete(key()) : KvCommands.batchPut(key(), value));
        }
        return KvCommands.txn(compares, ops);
    }

    private KvCommand randomCommand() {
        ByteString value = ByteString.copyFromUtf8("v" + random.nextInt(4));
        KvCommand c = switch (random.nextInt(8)) {
            case 0, 1 -> KvCommands.put(key(), value);
            case 2 -> KvCommands.delete(key());
            case 3 -> KvCommands.compareAndSet(key(), random.nextBoolean() ? null : value,
                    ByteString.copyFromUtf8("n" + index));
            case 4 -> {
                List<BatchOp> ops = new ArrayList<>();
                for (int i = random.nextInt(6); i >= 0; i--) {
                    ops.add(random.nextInt(3) == 0 ? KvCommands.batchDelete(key()) : KvCommands.batchPut(key(), value));
                }
                if (random.nextInt(8) == 0) {
                    ops.add(KvCommands.batchPut(ByteString.copyFrom(new byte[KvLimits.MAX_KEY_BYTES + 1]), value));
                }
                yield KvCommands.batch(ops);
            }
            case 5 -> KvCommands.get(key());
            case 6 -> randomTxn(value);
            default -> KvCommands.put(key(), ByteString.EMPTY);
        };
        int client = random.nextInt(sequences.length);
        if (client == 0) {
            return c;
        }
        int retry = random.nextInt(6);
        if (retry > 1) {
            sequences[client]++;
        }
        long sequence = retry == 0 && sequences[client] > 1 ? sequences[client] - 1 : sequences[client];
        return KvCommands.inSession(c, client, sequence);
    }
}
