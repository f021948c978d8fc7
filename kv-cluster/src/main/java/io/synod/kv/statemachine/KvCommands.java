package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.BatchRequest;
import io.synod.proto.kv.CompareAndSetRequest;
import io.synod.proto.kv.DeleteRequest;
import io.synod.proto.kv.GetRequest;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.ScanRequest;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnRequest;

import java.util.List;

/**
 * Builds the encoded commands and queries that {@link KvStateMachine} understands, and decodes
 * its results. Commands built here carry no session (client id 0); use
 * {@link #inSession(KvCommand, long, long)} to make one idempotent.
 */
public final class KvCommands {

    private KvCommands() {
    }

    public static KvCommand put(ByteString key, ByteString value) {
        return KvCommand.newBuilder().setPut(PutRequest.newBuilder().setKey(key).setValue(value)).build();
    }

    public static KvCommand get(ByteString key) {
        return KvCommand.newBuilder().setGet(GetRequest.newBuilder().setKey(key)).build();
    }

    public static KvCommand delete(ByteString key) {
        return KvCommand.newBuilder().setDelete(DeleteRequest.newBuilder().setKey(key)).build();
    }

    /** Compare-and-set; {@code expected == null} means the key must be absent. */
    public static KvCommand compareAndSet(ByteString key, ByteString expected, ByteString newValue) {
        CompareAndSetRequest.Builder cas = CompareAndSetRequest.newBuilder().setKey(key).setNewValue(newValue);
        if (expected == null) {
            cas.setExpectAbsent(true);
        } else {
            cas.setExpectedValue(expected);
        }
        return KvCommand.newBuilder().setCas(cas).build();
    }

    public static KvCommand batch(List<BatchOp> ops) {
        return KvCommand.newBuilder().setBatch(BatchRequest.newBuilder().addAllOps(ops)).build();
    }

    /** A transaction: {@code ops} apply atomically iff every compare holds. */
    public static KvCommand txn(List<TxnCompare> compares, List<BatchOp> ops) {
        return KvCommand.newBuilder().setTxn(TxnRequest.newBuilder().addAllCompares(compares).addAllOps(ops)).build();
    }

    /**
     * Holds iff [{@code start}, {@code end}) ({@code end} empty = to the end of the key space)
     * has {@code expectedCount} keys, none modified after {@code maxModRevision}.
     */
    public static TxnCompare compare(ByteString start, ByteString end, long expectedCount, long maxModRevision) {
        return TxnCompare.newBuilder().setStartKey(start).setEndKey(end)
                .setExpectedCount(expectedCount).setMaxModRevision(maxModRevision).build();
    }

    public static BatchOp batchPut(ByteString key, ByteString value) {
        return BatchOp.newBuilder().setPut(PutRequest.newBuilder().setKey(key).setValue(value)).build();
    }

    public static BatchOp batchDelete(ByteString key) {
        return BatchOp.newBuilder().setDelete(DeleteRequest.newBuilder().setKey(key)).build();
    }

    public static KvCommand inSession(KvCommand command, long clientId, long sequence) {
        return command.toBuilder().setClientId(clientId).setSequence(sequence).build();
    }

    public static KvQuery getQuery(ByteString key) {
        return KvQuery.newBuilder().setGet(GetRequest.newBuilder().setKey(key)).build();
    }

    /**
     * A range scan from {@code start} (inclusive) to {@code end} (exclusive; empty = end of the
     * key space), at most {@code limit} keys (0 = no limit), descending if {@code reverse}.
     */
    public static KvQuery scanQuery(ByteString start, ByteString end, int limit, boolean reverse) {
        return KvQuery.newBuilder().setScan(ScanRequest.newBuilder()
                .setStartKey(start).setEndKey(end).setLimit(limit).setReverse(reverse)).build();
    }

    /** Decodes bytes returned by {@code apply} or {@code query}. */
    public static KvCommandResult decodeResult(byte[] result) {
        try {
            return KvCommandResult.parseFrom(result);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an encoded KvCommandResult", e);
        }
    }
}
