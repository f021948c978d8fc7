package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvError;
import io.synod.proto.kv.ScanResponse;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.synod.kv.statemachine.KvCommands.batchDelete;
import static io.synod.kv.statemachine.KvCommands.batchPut;
import static io.synod.kv.statemachine.KvCommands.compare;
import static io.synod.kv.statemachine.KvCommands.delete;
import static io.synod.kv.statemachine.KvCommands.inSession;
import static io.synod.kv.statemachine.KvCommands.put;
import static io.synod.kv.statemachine.KvCommands.txn;
import static org.assertj.core.api.Assertions.assertThat;

/** The conditional transaction: compares against the state before it, all operations or none. */
class KvTransactionTest {

    private final KvStateMachine sm = new KvStateMachine();
    private long index;

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private KvCommandResult apply(KvCommand command) {
        return KvCommands.decodeResult(sm.apply(++index, command.toByteArray()));
    }

    private TxnResponse txnResult(List<TxnCompare> compares, List<BatchOp> ops) {
        KvCommandResult r = apply(txn(compares, ops));
        assertThat(r.hasTxn()).as("result %s", r).isTrue();
        return r.getTxn();
    }

    private ScanResponse scan(String start, String end) {
        return KvCommands.decodeResult(sm.query(KvCommands.scanQuery(b(start), b(end), 0, false).toByteArray()))
                .getScan();
    }

    /** The compare a reader of [start, end) records: what it saw, at the revision it saw it. */
    private TxnCompare observed(String start, String end) {
        ScanResponse seen = scan(start, end);
        return compare(b(start), b(end), seen.getKvsCount(), seen.getHeader().getRevision());
    }

    private KeyValue read(String key) {
        KvCommandResult r = KvCommands.decodeResult(sm.query(KvCommands.getQuery(b(key)).toByteArray()));
        return r.getGet().getFound() ? r.getGet().getKv() : null;
    }

    private void seed() {
        apply(put(b("a1"), b("x")));
        apply(put(b("a2"), b("y")));
        apply(put(b("b1"), b("z")));
    }

    @Test
    void holdingComparesApplyEveryOperationAtTheTransactionsRevision() {
        seed();
        TxnCompare sawA = observed("a", "b");
        assertThat(sawA.getExpectedCount()).isEqualTo(2);
        assertThat(sawA.getMaxModRevision()).isEqualTo(3);

        TxnResponse r = txnResult(List.of(sawA), List.of(batchPut(b("a1"), b("x2")), batchDelete(b("b1"))));

        assertThat(r.getSucceeded()).isTrue();
        assertThat(r.getFailedCompare()).isEqualTo(-1);
        assertThat(r.getHeader().getRevision()).isEqualTo(index);
        assertThat(read("a1").getValue()).isEqualTo(b("x2"));
        assertThat(read("a1").getModRevision()).isEqualTo(index);
        assertThat(read("b1")).isNull();
    }

    @Test
    void aChangedValueInTheRangeFailsTheCompareAndNothingApplies() {
        seed();
        TxnCompare sawA = observed("a", "b");
        apply(put(b("a2"), b("changed")));
        long digest = sm.digest();

        TxnResponse r = txnResult(List.of(sawA), List.of(batchPut(b("a1"), b("lost")), batchPut(b("new"), b("n"))));

        assertThat(r.getSucceeded()).isFalse();
        assertThat(r.getFailedCompare()).isZero();
        assertThat(r.getHeader().getRevision()).isEqualTo(index);
        assertThat(read("a1").getValue()).isEqualTo(b("x"));
        assertThat(read("new")).isNull();
        assertThat(sm.digest()).as("only the applied index moved").isNotEqualTo(digest);
        assertThat(sm.size()).isEqualTo(3);
    }

    @Test
    void aDeletedKeyFailsTheCompare() {
        seed();
        TxnCompare sawA = observed("a", "b");
        apply(delete(b("a1")));
        assertThat(txnResult(List.of(sawA), List.of(batchPut(b("c"), b("c")))).getSucceeded()).isFalse();
        assertThat(read("c")).isNull();
    }

    @Test
    void anInsertedKeyFailsTheCompare() {
        seed();
        TxnCompare sawA = observed("a", "b");
        apply(put(b("a15"), b("phantom")));
        TxnResponse r = txnResult(List.of(sawA), List.of(batchPut(b("c"), b("c"))));
        assertThat(r.getSucceeded()).isFalse();

        // Replacing a key by another brings the count back to what the reader saw; the new
        // key's revision still shows the change.
        TxnCompare again = observed("a", "b");
        apply(delete(b("a15")));
        apply(put(b("a16"), b("replacement")));
        assertThat(scan("a", "b").getKvsCount()).isEqualTo((int) again.getExpectedCount());
        assertThat(txnResult(List.of(again), List.of()).getSucceeded()).isFalse();
    }

    @Test
    void aCountMismatchFailsEvenWhenNoKeyIsNewer() {
        seed();
        long revision = sm.appliedIndex();
        assertThat(txnResult(List.of(compare(b("a"), b("b"), 1, revision)), List.of()).getSucceeded()).isFalse();
        assertThat(txnResult(List.of(compare(b("a"), b("b"), 3, revision)), List.of()).getSucceeded()).isFalse();
        assertThat(txnResult(List.of(compare(b("a"), b("b"), 2, revision)), List.of()).getSucceeded()).isTrue();
    }

    @Test
    void anEmptyRangeHoldsUntilAKeyAppearsInIt() {
        seed();
        TxnCompare sawNothing = observed("m", "n");
        assertThat(sawNothing.getExpectedCount()).isZero();
        // Writes elsewhere do not matter.
        apply(put(b("z"), b("elsewhere")));
        assertThat(txnResult(List.of(sawNothing), List.of(batchPut(b("m1"), b("first")))).getSucceeded()).isTrue();
        // The same "it is still empty" check after the insert fails: insert-if-absent is safe.
        TxnResponse second = txnResult(List.of(sawNothing), List.of(batchPut(b("m1"), b("second"))));
        assertThat(second.getSucceeded()).isFalse();
        assertThat(read("m1").getValue()).isEqualTo(b("first"));
    }

    @Test
    void anOpenEndedRangeReachesTheEndOfTheKeySpace() {
        seed();
        ScanResponse all = KvCommands.decodeResult(sm.query(
                KvCommands.scanQuery(b("a2"), ByteString.EMPTY, 0, false).toByteArray())).getScan();
        TxnCompare fromA2 = compare(b("a2"), ByteString.EMPTY, all.getKvsCount(), all.getHeader().getRevision());
        TxnCompare everything = compare(ByteString.EMPTY, ByteString.EMPTY, 3, sm.appliedIndex());
        assertThat(fromA2.getExpectedCount()).isEqualTo(2);
        assertThat(txnResult(List.of(fromA2, everything), List.of()).getSucceeded()).isTrue();

        apply(put(b("\u00ff\u00ff"), b("at the far end")));
        TxnResponse r = txnResult(List.of(compare(b("a"), b("b"), 2, 3), fromA2, everything), List.of());
        assertThat(r.getSucceeded()).isFalse();
        assertThat(r.getFailedCompare()).as("the first failing compare is named").isEqualTo(1);
    }

    @Test
    void comparesSeeTheStateBeforeTheOperationsNotAfter() {
        seed();
        TxnCompare sawB = observed("b", "c");
        // The transaction itself rewrites and extends the compared range; its compare still holds.
        TxnResponse r = txnResult(List.of(sawB, sawB), List.of(batchPut(b("b1"), b("z2")), batchPut(b("b2"), b("w"))));
        assertThat(r.getSucceeded()).isTrue();
        assertThat(scan("b", "c").getKvsCount()).isEqualTo(2);
        // And a later reader's view of the range is newer than the first reader's.
        assertThat(txnResult(List.of(sawB), List.of()).getSucceeded()).isFalse();
    }

    @Test
    void withoutComparesATransactionIsABatch() {
        TxnResponse r = txnResult(List.of(), List.of(batchPut(b("k"), b("1")), batchPut(b("k"), b("2"))));
        assertThat(r.getSucceeded()).isTrue();
        assertThat(read("k").getValue()).as("a later operation on the same key wins").isEqualTo(b("2"));
    }

    @Test
    void anInvalidOperationOrCompareRejectsTheWholeTransaction() {
        seed();
        long revision = sm.appliedIndex();
        KvCommandResult badOp = apply(txn(List.of(compare(b("a"), b("b"), 2, revision)),
                List.of(batchPut(b("a1"), b("new")), batchPut(ByteString.EMPTY, b("x")))));
        assertThat(badOp.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(badOp.getError().getMessage()).contains("batch operation 1");
        assertThat(read("a1").getValue()).isEqualTo(b("x"));

        KvCommandResult reversed = apply(txn(List.of(compare(b("b"), b("a"), 0, revision)), List.of()));
        assertThat(reversed.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);
        assertThat(reversed.getError().getMessage()).contains("compare 0").contains("start key is not before end key");
        KvCommandResult emptyRange = apply(txn(List.of(compare(b("a"), b("a"), 0, revision)), List.of()));
        assertThat(emptyRange.getError().getCode()).isEqualTo(KvError.Code.INVALID_ARGUMENT);

        ByteString bigKey = ByteString.copyFrom(new byte[KvLimits.MAX_KEY_BYTES + 1]);
        KvCommandResult bigBound = apply(txn(List.of(compare(b("a"), b("b"), 2, revision),
                compare(b("a"), bigKey, 0, revision)), List.of()));
        assertThat(bigBound.getError().getCode()).isEqualTo(KvError.Code.KEY_TOO_LARGE);
        assertThat(bigBound.getError().getMessage()).contains("compare 1");
        assertThat(sm.size()).isEqualTo(3);
    }

    @Test
    void compareCountAndBytesAreLimited() {
        List<TxnCompare> tooMany = new ArrayList<>();
        for (int i = 0; i <= KvLimits.MAX_TXN_COMPARES; i++) {
            tooMany.add(compare(b("k" + i), b("k" + i + "\0"), 0, 0));
        }
        KvCommandResult r = apply(txn(tooMany, List.of(batchPut(b("x"), b("x")))));
        assertThat(r.getError().getCode()).isEqualTo(KvError.Code.BATCH_TOO_LARGE);
        assertThat(r.getError().getMessage()).contains("compares");
        assertThat(apply(txn(tooMany.subList(0, KvLimits.MAX_TXN_COMPARES), List.of(batchPut(b("x"), b("x")))))
                .getTxn().getSucceeded()).isTrue();

        // Compare bounds count toward the byte limit with the operations' keys and values.
        ByteString mib = ByteString.copyFrom(new byte[KvLimits.MAX_VALUE_BYTES]);
        List<BatchOp> ops = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ops.add(batchPut(b("big" + i), mib));
        }
        ByteString maxKey = ByteString.copyFrom(new byte[KvLimits.MAX_KEY_BYTES]);
        TxnCompare longBounds = compare(maxKey.substring(1), maxKey, 0, 0);
        long compareBytes = 0;
        List<TxnCompare> wide = new ArrayList<>();
        while (compareBytes <= KvLimits.MAX_VALUE_BYTES) {
            wide.add(longBounds);
            compareBytes += longBounds.getStartKey().size() + longBounds.getEndKey().size();
        }
        assertThat(apply(txn(List.of(), ops)).getTxn().getSucceeded()).isTrue();
        KvCommandResult heavy = apply(txn(wide, ops));
        assertThat(heavy.getError().getCode()).isEqualTo(KvError.Code.BATCH_TOO_LARGE);
        assertThat(heavy.getError().getMessage()).contains("bytes");
    }

    @Test
    void aRetriedTransactionGetsItsOriginalAnswerWithoutDecidingAgain() {
        seed();
        TxnCompare sawA = observed("a", "b");
        KvCommand first = inSession(txn(List.of(sawA), List.of(batchPut(b("a1"), b("mine")))), 11, 1);
        KvCommandResult original = apply(first);
        assertThat(original.getTxn().getSucceeded()).isTrue();
        // Its own write changed the range, so deciding again would now fail the compare.
        KvCommandResult retried = apply(first);
        assertThat(retried).isEqualTo(original);
        assertThat(read("a1").getVersion()).isEqualTo(2);

        KvCommand failing = inSession(txn(List.of(sawA), List.of(batchPut(b("a2"), b("never")))), 11, 2);
        KvCommandResult failed = apply(failing);
        assertThat(failed.getTxn().getSucceeded()).isFalse();
        // The retry arrives after more changes; it still gets the stored answer.
        apply(delete(b("a1")));
        assertThat(apply(failing)).isEqualTo(failed);
        assertThat(read("a2").getValue()).isEqualTo(b("y"));
    }

    @Test
    void readsReportTheAppliedIndexTheyWereServedAt() {
        seed();
        assertThat(scan("a", "c").getHeader().getRevision()).isEqualTo(sm.appliedIndex());
        sm.apply(index += 5, put(b("late"), b("l")).toByteArray());
        assertThat(scan("a", "c").getHeader().getRevision()).isEqualTo(index);
        KvCommandResult get = KvCommands.decodeResult(sm.query(KvCommands.getQuery(b("a1")).toByteArray()));
        assertThat(get.getGet().getHeader().getRevision()).isEqualTo(index);
    }
}
