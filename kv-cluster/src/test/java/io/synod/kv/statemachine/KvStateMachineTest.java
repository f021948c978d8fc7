package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvError;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.ScanRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.synod.kv.statemachine.KvCommands.batch;
import static io.synod.kv.statemachine.KvCommands.batchDelete;
import static io.synod.kv.statemachine.KvCommands.batchPut;
import static io.synod.kv.statemachine.KvCommands.compareAndSet;
import static io.synod.kv.statemachine.KvCommands.delete;
import static io.synod.kv.statemachine.KvCommands.get;
import static io.synod.kv.statemachine.KvCommands.inSession;
import static io.synod.kv.statemachine.KvCommands.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvStateMachineTest {

    private final KvStateMachine sm = new KvStateMachine();
    private long index;

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private KvCommandResult apply(KvCommand command) {
        return KvCommands.decodeResult(sm.apply(++index, command.toByteArray()));
    }

    private KvCommandResult query(KvQuery query) {
        return KvCommands.decodeResult(sm.query(query.toByteArray()));
    }

    private KeyValue read(String key) {
        KvCommandResult r = query(KvCommands.getQuery(b(key)));
        return r.getGet().getFound() ? r.getGet().getKv() : null;
    }

    @Test
    void putGetDeleteTrackRevisionsAndVersions() {
        KvCommandResult first = apply(put(b("a"), b("1")));
        assertThat(first.getPut().getHadPrevious()).isFalse();
        assertThat(first.getPut().getHeader().getRevision()).isEqualTo(1);

        KvCommandResult second = apply(put(b("a"), b("2")));
        assertThat(second.getPut().getHadPrevious()).isTrue();
        assertThat(second.getPut().getPrevious().getValue()).isEqualTo(b("1"));

        KeyValue kv = read("a");
        assertThat(kv.getValue()).isEqualTo(b("2"));
        assertThat(kv.getCreateRevision()).isEqualTo(1);
        assertThat(kv.getModRevision()).isEqualTo(2);
        assertThat(kv.getVersion()).isEqualTo(2);

        assertThat(apply(get(b("a"))).getGet().getKv().getValue()).isEqualTo(b("2"));
        assertThat(apply(delete(b("a"))).getDelete().getDeleted()).isTrue();
        assertThat(apply(delete(b("a"))).getDelete().getDeleted()).isFalse();
        assertThat(read("a")).isNull();

        apply(put(b("a"), b("3")));
        KeyValue recreated = read("a");
        assertThat(recreated.getCreateRevision()).isEqualTo(index);
        assertThat(recreated.getVersion()).isEqualTo(1);
        assertThat(sm.appliedIndex()).isEqualTo(index);
    }

    @Test
    void emptyValueIsAValue() {
        apply(put(b("k"), ByteString.EMPTY));
        assertThat(read("k")).isNotNull();
        assertThat(apply(compareAndSet(b("k"), ByteString.EMPTY, b("x"))).getCas().getSucceeded()).isTrue();
    }

    @Test
    void compareAndSetOnAbsentAndPresentKeys() {
        KvCommandResult create = apply(compareAndSet(b("k"), null, b("v1")));
        assertThat(create.getCas().getSucceeded()).isTrue();
        assertThat(create.getCas().getCurrent().getValue()).isEqualTo(b("v1"));

        KvCommandResult createAgain = apply(compareAndSet(b("k"), null, b("v2")));
        assertThat(createAgain.getCas().getSucceeded()).isFalse();
        assertThat(createAgain.getCas().getHadCurrent()).isTrue();
        assertThat(createAgain.getCas().getCurrent().getValue()).isEqualTo(b("v1"));

        assertThat(apply(compareAndSet(b("k"), b("wrong"), b("v2"))).getCas().getSucceeded()).isFalse();
        assertThat(apply(compareAndSet(b("k"), b("v1"), b("v2"))).getCas().getSucceeded()).isTrue();
        assertThat(read("k").getValue()).isEqualTo(b("v2"));
        assertThat(read("k").getVersion()).isEqualTo(2);

        KvCommandResult onMissing = apply(compareAndSet(b("missing"), b("v"), b("w")));
        assertThat(onMissing.getCas().getSucceeded()).isFalse();
        assertThat(onMissing.getCas().getHadCurrent()).isFalse();
        assertThat(read("missing")).isNull();
    }

    @Test
    void batchAppliesAllOperationsInOrder() {
        apply(put(b("gone"), b("x")));
        KvCommandResult r = apply(batch(List.of(
                batchPut(b("a"), b("1")), batchPut(b("b"), b("2")), batchDelete(b("gone")),
                batchPut(b("a"), b("3")))));
        assertThat(r.hasBatch()).isTrue();
        assertThat(read("a").getValue()).isEqualTo(b("3"));
        assertThat(read("a").getModRevision()).isEqualTo(index);
        assertThat(read("b").getValue()).isEqualTo(b("2"));
        assertThat(read("gone")).isNull();
    }

    @Test
    void invalidBatchChangesNothing() {
        apply(put(b("a"), b("old")));
        long digest = sm.digest();
        KvCommandResult r = apply(batch(List.of(
                batchPut(b("a"), b("new")), batchDelete(b("a")), batchPut(ByteString.EMPTY, b("x")))));
        assertThat(r.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(r.getError().getMessage()).contains("batch operation 2");
        assertThat(read("a").getValue()).isEqualTo(b("old"));
        assertThat(sm.size()).isEqualTo(1);
        assertThat(sm.digest()).isNotEqualTo(digest).as("only the applied index moved");
    }

    @Test
    void limitsAreEnforcedWithClearErrors() {
        ByteString maxKey = ByteString.copyFrom(new byte[KvLimits.MAX_KEY_BYTES]);
        ByteString bigKey = ByteString.copyFrom(new byte[KvLimits.MAX_KEY_BYTES + 1]);
        ByteString maxValue = ByteString.copyFrom(new byte[KvLimits.MAX_VALUE_BYTES]);
        ByteString bigValue = ByteString.copyFrom(new byte[KvLimits.MAX_VALUE_BYTES + 1]);

        assertThat(apply(put(maxKey, maxValue)).hasPut()).isTrue();
        assertThat(apply(put(bigKey, b("v"))).getError().getCode()).isEqualTo(KvError.Code.KEY_TOO_LARGE);
        assertThat(apply(put(b("k"), bigValue)).getError().getCode()).isEqualTo(KvError.Code.VALUE_TOO_LARGE);
        assertThat(apply(put(ByteString.EMPTY, b("v"))).getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(apply(delete(bigKey)).getError().getCode()).isEqualTo(KvError.Code.KEY_TOO_LARGE);
        assertThat(apply(compareAndSet(b("k"), null, bigValue)).getError().getCode())
                .isEqualTo(KvError.Code.VALUE_TOO_LARGE);
        assertThat(apply(KvCommand.getDefaultInstance()).getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(apply(put(bigKey, b("v"))).getError().getMessage()).contains("4097").contains("4096");
        assertThat(sm.size()).isEqualTo(1);
    }

    @Test
    void batchLimitsOnCountAndBytes() {
        List<BatchOp> tooMany = new ArrayList<>();
        for (int i = 0; i <= KvLimits.MAX_BATCH_OPS; i++) {
            tooMany.add(batchPut(b("k" + i), b("v")));
        }
        assertThat(apply(batch(tooMany)).getError().getCode()).isEqualTo(KvError.Code.BATCH_TOO_LARGE);
        assertThat(apply(batch(tooMany.subList(0, KvLimits.MAX_BATCH_OPS))).hasBatch()).isTrue();
        assertThat(sm.size()).isEqualTo(KvLimits.MAX_BATCH_OPS);

        ByteString mib = ByteString.copyFrom(new byte[KvLimits.MAX_VALUE_BYTES]);
        List<BatchOp> heavy = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            heavy.add(batchPut(b("big" + i), mib));
        }
        KvCommandResult r = apply(batch(heavy));
        assertThat(r.getError().getCode()).isEqualTo(KvError.Code.BATCH_TOO_LARGE);
        assertThat(r.getError().getMessage()).contains("bytes");
        assertThat(read("big0")).isNull();
    }

    @Test
    void retriedSequenceReturnsStoredResultWithoutReapplying() {
        KvCommand cas = inSession(compareAndSet(b("k"), null, b("v")), 7, 1);
        KvCommandResult first = apply(cas);
        assertThat(first.getCas().getSucceeded()).isTrue();
        KvCommandResult retry = apply(cas);
        assertThat(retry).isEqualTo(first);
        assertThat(read("k").getVersion()).isEqualTo(1);

        KvCommand put = inSession(put(b("k"), b("w")), 7, 2);
        apply(put);
        apply(put);
        assertThat(read("k").getVersion()).isEqualTo(2);

        KvCommandResult stale = apply(inSession(put(b("k"), b("old")), 7, 1));
        assertThat(stale.getError().getCode()).isEqualTo(KvError.Code.STALE_SEQUENCE);
        assertThat(read("k").getValue()).isEqualTo(b("w"));
    }

    @Test
    void errorsAreRememberedInTheSessionToo() {
        KvCommand bad = inSession(put(ByteString.EMPTY, b("v")), 3, 5);
        KvCommandResult first = apply(bad);
        assertThat(apply(bad)).isEqualTo(first);
        assertThat(sm.sessionCount()).isEqualTo(1);
    }

    @Test
    void clientZeroHasNoSession() {
        KvCommand put = put(b("k"), b("v"));
        apply(put);
        apply(put);
        assertThat(read("k").getVersion()).isEqualTo(2);
        assertThat(sm.sessionCount()).isZero();
    }

    @Test
    void sessionsAreEvictedLeastRecentlyAppliedFirst() {
        KvStateMachine small = new KvStateMachine(2);
        small.apply(1, inSession(put(b("k"), b("1")), 1, 1).toByteArray());
        small.apply(2, inSession(put(b("k"), b("2")), 2, 1).toByteArray());
        small.apply(3, inSession(put(b("k"), b("3")), 1, 2).toByteArray());
        small.apply(4, inSession(put(b("k"), b("4")), 3, 1).toByteArray());
        assertThat(small.sessionCount()).isEqualTo(2);
        // Client 1 applied more recently than client 2, so it is still protected.
        byte[] stale = small.apply(5, inSession(put(b("k"), b("x")), 1, 1).toByteArray());
        assertThat(KvCommands.decodeResult(stale).getError().getCode()).isEqualTo(KvError.Code.STALE_SEQUENCE);
        // Client 2 was evicted, so its retry is applied again.
        small.apply(6, inSession(put(b("k"), b("2")), 2, 1).toByteArray());
        byte[] read = small.query(KvCommands.getQuery(b("k")).toByteArray());
        assertThat(KvCommands.decodeResult(read).getGet().getKv().getVersion()).isEqualTo(5);
    }

    @Test
    void scanHonoursBoundsLimitDirectionAndUnsignedOrder() {
        ByteString high = ByteString.copyFrom(new byte[] {(byte) 0xff});
        ByteString low = ByteString.copyFrom(new byte[] {0x01});
        for (String k : List.of("a", "b", "c", "d")) {
            apply(put(b(k), b(k)));
        }
        apply(put(high, b("high")));
        apply(put(low, b("low")));

        assertThat(keys(query(KvCommands.scanQuery(ByteString.EMPTY, ByteString.EMPTY, 0, false))))
                .containsExactly("\u0001", "a", "b", "c", "d", "\ufffd");
        assertThat(keys(query(KvCommands.scanQuery(b("b"), b("d"), 0, false)))).containsExactly("b", "c");
        assertThat(keys(query(KvCommands.scanQuery(b("b"), b("d"), 0, true)))).containsExactly("c", "b");
        KvCommandResult limited = query(KvCommands.scanQuery(b("a"), ByteString.EMPTY, 2, true));
        assertThat(keys(limited)).containsExactly("\ufffd", "d");
        assertThat(limited.getScan().getMore()).isTrue();
        KvCommandResult exact = query(KvCommands.scanQuery(b("a"), b("c"), 2, false));
        assertThat(exact.getScan().getMore()).isFalse();
        assertThat(keys(query(KvCommands.scanQuery(b("d"), b("a"), 0, false)))).isEmpty();
        assertThat(query(KvCommands.scanQuery(ByteString.copyFrom(new byte[5000]), ByteString.EMPTY, 0, false))
                .getError().getCode()).isEqualTo(KvError.Code.KEY_TOO_LARGE);
    }

    @Test
    void aScanReadsItsGuardKeyAtTheSameRevision() {
        apply(put(b("row"), b("r")));
        apply(put(b("version"), b("1")));
        ScanRequest.Builder scan = KvCommands.scanQuery(b("row"), b("rox"), 1, false).getScan().toBuilder();

        KvCommandResult guarded = query(KvQuery.newBuilder().setScan(scan.setGuardKey(b("version"))).build());
        assertThat(keys(guarded)).containsExactly("row");
        assertThat(guarded.getScan().getGuard().getValue()).isEqualTo(b("1"));
        assertThat(guarded.getScan().getGuard().getModRevision()).isEqualTo(2);
        assertThat(guarded.getScan().getHeader().getRevision()).isEqualTo(2);

        KvCommandResult absent = query(KvQuery.newBuilder().setScan(scan.setGuardKey(b("nothing"))).build());
        assertThat(absent.getScan().hasGuard()).isFalse();
        assertThat(query(KvCommands.scanQuery(b("row"), b("rox"), 1, false)).getScan().hasGuard()).isFalse();
        assertThat(query(KvQuery.newBuilder().setScan(scan.setGuardKey(ByteString.copyFrom(new byte[5000]))).build())
                .getError().getCode()).isEqualTo(KvError.Code.KEY_TOO_LARGE);
    }

    @Test
    void scanResponseStopsAtTheByteBoundAndSaysThereIsMore() {
        ByteString value = ByteString.copyFrom(new byte[KvLimits.MAX_VALUE_BYTES]);
        int keys = KvLimits.MAX_SCAN_RESPONSE_BYTES / KvLimits.MAX_VALUE_BYTES + 3;
        for (int i = 0; i < keys; i++) {
            apply(put(b("k" + (char) ('a' + i)), value));
        }
        KvCommandResult first = query(KvCommands.scanQuery(b("k"), ByteString.EMPTY, 0, false));
        int returned = first.getScan().getKvsCount();
        assertThat(returned).isLessThan(keys).isGreaterThanOrEqualTo(KvLimits.MAX_SCAN_RESPONSE_BYTES / KvLimits.MAX_VALUE_BYTES);
        assertThat(first.getScan().getMore()).isTrue();
        ByteString after = first.getScan().getKvs(returned - 1).getKey().concat(ByteString.copyFrom(new byte[1]));
        KvCommandResult rest = query(KvCommands.scanQuery(after, ByteString.EMPTY, 0, false));
        assertThat(rest.getScan().getKvsCount()).isEqualTo(keys - returned);
        assertThat(rest.getScan().getMore()).isFalse();
    }

    private static List<String> keys(KvCommandResult scan) {
        return scan.getScan().getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    @Test
    void queryAcceptsAnEncodedGetCommandAndRejectsGarbage() {
        apply(put(b("k"), b("v")));
        KvCommandResult viaCommand = KvCommands.decodeResult(sm.query(get(b("k")).toByteArray()));
        assertThat(viaCommand.getGet().getKv().getValue()).isEqualTo(b("v"));
        assertThat(viaCommand.getGet().getHeader().getRevision()).isEqualTo(1);
        KvCommandResult garbage = KvCommands.decodeResult(sm.query(new byte[] {(byte) 0xff, 0x01}));
        assertThat(garbage.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        KvCommandResult empty = KvCommands.decodeResult(sm.query(new byte[0]));
        assertThat(empty.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
    }

    @Test
    void unparsableCommandIsAnErrorThatStillAdvancesTheIndex() {
        KvCommandResult r = KvCommands.decodeResult(sm.apply(5, new byte[] {(byte) 0xff, (byte) 0xff}));
        assertThat(r.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(sm.appliedIndex()).isEqualTo(5);
        assertThatThrownBy(() -> sm.apply(5, put(b("k"), b("v")).toByteArray()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotRestoreGivesIdenticalStateDigestAndFuture() {
        Random random = new Random(42);
        KvStateMachine restored = new KvStateMachine();
        List<KvCommand> workload = randomWorkload(random, 400);
        for (KvCommand c : workload) {
            apply(c);
        }
        restored.restore(sm.appliedIndex(), sm.snapshot());
        assertThat(restored.digest()).isEqualTo(sm.digest());
        assertThat(restored.snapshot()).isEqualTo(sm.snapshot());
        assertThat(restored.appliedIndex()).isEqualTo(sm.appliedIndex());
        assertThat(restored.sessionCount()).isEqualTo(sm.sessionCount());

        // Both replicas must continue identically, retries and sessions included.
        for (KvCommand c : randomWorkload(random, 200)) {
            long next = index + 1;
            byte[] expected = sm.apply(next, c.toByteArray());
            index = next;
            assertThat(restored.apply(next, c.toByteArray())).isEqualTo(expected);
        }
        assertThat(restored.digest()).isEqualTo(sm.digest());
        assertThat(restored.query(KvCommands.scanQuery(ByteString.EMPTY, ByteString.EMPTY, 0, false).toByteArray()))
                .isEqualTo(sm.query(KvCommands.scanQuery(ByteString.EMPTY, ByteString.EMPTY, 0, false).toByteArray()));
    }

    @Test
    void digestDependsOnStateNotOnHowItWasReached() {
        KvStateMachine x = new KvStateMachine();
        KvStateMachine y = new KvStateMachine();
        x.apply(1, put(b("a"), b("1")).toByteArray());
        x.apply(2, put(b("b"), b("2")).toByteArray());
        y.apply(1, put(b("a"), b("1")).toByteArray());
        y.apply(2, put(b("b"), b("2")).toByteArray());
        assertThat(x.digest()).isEqualTo(y.digest());

        y.apply(3, put(b("c"), b("3")).toByteArray());
        x.apply(3, put(b("c"), b("4")).toByteArray());
        assertThat(x.digest()).isNotEqualTo(y.digest());

        KvStateMachine withSession = new KvStateMachine();
        withSession.apply(1, inSession(put(b("a"), b("1")), 9, 1).toByteArray());
        KvStateMachine without = new KvStateMachine();
        without.apply(1, put(b("a"), b("1")).toByteArray());
        assertThat(withSession.digest()).isNotEqualTo(without.digest());
    }

    @Test
    void restoreRejectsGarbageAndMismatchedIndex() {
        apply(put(b("k"), b("v")));
        byte[] snap = sm.snapshot();
        KvStateMachine other = new KvStateMachine();
        assertThatThrownBy(() -> other.restore(2, snap)).hasMessageContaining("taken at index 1");
        assertThatThrownBy(() -> other.restore(1, new byte[] {(byte) 0xff})).isInstanceOf(IllegalArgumentException.class);
        other.restore(1, snap);
        assertThat(other.digest()).isEqualTo(sm.digest());
    }

    private static List<KvCommand> randomWorkload(Random random, int n) {
        List<KvCommand> out = new ArrayList<>();
        long[] sequences = new long[6];
        for (int i = 0; i < n; i++) {
            ByteString key = b("key" + random.nextInt(20));
            ByteString value = b("v" + random.nextInt(5));
            KvCommand c = switch (random.nextInt(5)) {
                case 0 -> put(key, value);
                case 1 -> delete(key);
                case 2 -> compareAndSet(key, random.nextBoolean() ? null : value, b("n" + i));
                case 3 -> batch(List.of(batchPut(key, value), batchDelete(b("key" + random.nextInt(20)))));
                default -> get(key);
            };
            int client = random.nextInt(sequences.length);
            if (client > 0) {
                if (random.nextInt(4) != 0) {
                    sequences[client]++;
                }
                c = inSession(c, client, sequences[client]);
            }
            out.add(c);
        }
        return out;
    }
}
