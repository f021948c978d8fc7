package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.BatchResponse;
import io.synod.proto.kv.CompareAndSetRequest;
import io.synod.proto.kv.CompareAndSetResponse;
import io.synod.proto.kv.DeleteResponse;
import io.synod.proto.kv.GetResponse;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvError;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.KvSession;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.ResponseHeader;
import io.synod.proto.kv.ScanRequest;
import io.synod.proto.kv.ScanResponse;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnRequest;
import io.synod.proto.kv.TxnResponse;

import io.synod.kv.statemachine.store.MemoryStateStore;
import io.synod.kv.statemachine.store.RangeSummary;
import io.synod.kv.statemachine.store.SnapshotCodec;
import io.synod.kv.statemachine.store.SnapshotReader;
import io.synod.kv.statemachine.store.StateStore;
import io.synod.kv.statemachine.store.WriteBatch;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The replicated key-value state machine. Commands are encoded {@link KvCommand}s, results
 * encoded {@link KvCommandResult}s; queries are encoded {@link KvQuery}s (an encoded
 * {@code KvCommand} whose op is {@code get} is one too). Keys are ordered unsigned
 * lexicographically; each key carries etcd-style revisions: {@code mod_revision} is the log index
 * of its last write, {@code create_revision} the index that created it, {@code version} the
 * number of writes since then.
 *
 * <p>A transaction ({@code txn}) applies its operations atomically iff each of its compares holds
 * against the state before it: the compare's range holds exactly the expected number of keys and
 * none was written after the compare's revision. That is the validation step of optimistic
 * concurrency control: a reader records (count, revision) for each range it read, and its
 * writes commit only if no one changed those ranges since.
 *
 * <p>A command with a non-zero {@code client_id} runs in that client's session: a retry of the
 * last applied sequence returns the stored result without applying again, and an older sequence
 * is answered with {@code STALE_SEQUENCE}. A session that was evicted (see {@link ClientSessions})
 * no longer protects against duplicates. Read-only commands ({@code get}, {@code ordered_scan}:
 * reads ordered through the log so that every replica answers them at the same revision) change
 * nothing, so they run outside sessions: answering one again is harmless, and their results,
 * which may be large, are never kept.
 *
 * <p>State lives in a {@link StateStore}: each applied command becomes one {@link WriteBatch}
 * (its writes, its session change and its index) committed atomically, so a durable store is
 * never out of step with its applied index and a restarted machine continues from
 * {@link #appliedIndex()} without a snapshot. Every store kind gives the same results and digest.
 */
public final class KvStateMachine implements ReplicatedStateMachine, AutoCloseable {

    private final StateStore store;
    private final ClientSessions sessions;
    /** The batch of the command being applied; reads during execution see its writes. */
    private WriteBatch pending;

    /** A machine on a fresh in-memory store. */
    public KvStateMachine() {
        this(KvLimits.DEFAULT_MAX_SESSIONS);
    }

    public KvStateMachine(int maxSessions) {
        this(new MemoryStateStore(), maxSessions);
    }

    /** A machine over {@code store}, continuing from whatever state it holds. */
    public KvStateMachine(StateStore store) {
        this(store, KvLimits.DEFAULT_MAX_SESSIONS);
    }

    public KvStateMachine(StateStore store, int maxSessions) {
        this.store = store;
        this.sessions = new ClientSessions(maxSessions);
        sessions.reload(store.sessions());
    }

    @Override
    public byte[] apply(long index, byte[] command) {
        if (index <= store.appliedIndex()) {
            throw new IllegalArgumentException("index " + index + " is not after applied index " + store.appliedIndex());
        }
        pending = new WriteBatch(index);
        try {
            byte[] result = applyInBatch(index, command);
            store.commit(pending);
            return result;
        } catch (RuntimeException | Error e) {
            // The session cache may hold changes the store never got.
            sessions.reload(store.sessions());
            throw e;
        } finally {
            pending = null;
        }
    }

    @Override
    public void applyNoCommand(long index) {
        if (index <= store.appliedIndex()) {
            throw new IllegalArgumentException("index " + index + " is not after applied index " + store.appliedIndex());
        }
        store.commit(new WriteBatch(index));
    }

    private byte[] applyInBatch(long index, byte[] command) {
        KvCommand cmd;
        try {
            cmd = KvCommand.parseFrom(command);
        } catch (InvalidProtocolBufferException e) {
            return errorResult(KvError.Code.INVALID_ARGUMENT, "command is not an encoded KvCommand").toByteArray();
        }
        if (readOnly(cmd)) {
            return execute(index, cmd).toByteArray();
        }
        long clientId = cmd.getClientId();
        if (clientId != 0) {
            KvSession session = sessions.get(clientId);
            if (session != null && cmd.getSequence() == session.getSequence()) {
                return session.getResult().toByteArray();
            }
            if (session != null && Long.compareUnsigned(cmd.getSequence(), session.getSequence()) < 0) {
                return errorResult(KvError.Code.STALE_SEQUENCE, "sequence " + Long.toUnsignedString(cmd.getSequence())
                        + " is older than client's last applied " + Long.toUnsignedString(session.getSequence()))
                        .toByteArray();
            }
        }
        KvCommandResult result = execute(index, cmd);
        if (clientId != 0) {
            KvSession session = KvSession.newBuilder()
                    .setClientId(clientId)
                    .setSequence(cmd.getSequence())
                    .setAppliedIndex(index)
                    .setResult(result)
                    .build();
            pending.putSession(session);
            for (long evicted : sessions.put(session)) {
                pending.deleteSession(evicted);
            }
        }
        return result.toByteArray();
    }

    private KvCommandResult execute(long index, KvCommand cmd) {
        Optional<KvError> invalid = CommandValidator.validate(cmd);
        if (invalid.isPresent()) {
            return KvCommandResult.newBuilder().setError(invalid.get()).build();
        }
        ResponseHeader header = ResponseHeader.newBuilder().setRevision(index).build();
        return switch (cmd.getOpCase()) {
            case PUT -> {
                KeyValue previous = write(index, cmd.getPut().getKey(), cmd.getPut().getValue());
                PutResponse.Builder put = PutResponse.newBuilder().setHeader(header).setHadPrevious(previous != null);
                if (previous != null) {
                    put.setPrevious(previous);
                }
                yield KvCommandResult.newBuilder().setPut(put).build();
            }
            case DELETE -> KvCommandResult.newBuilder().setDelete(DeleteResponse.newBuilder()
                    .setHeader(header).setDeleted(remove(cmd.getDelete().getKey()))).build();
            case GET -> KvCommandResult.newBuilder().setGet(get(header, cmd.getGet().getKey())).build();
            case CAS -> KvCommandResult.newBuilder().setCas(compareAndSet(index, header, cmd.getCas())).build();
            case BATCH -> {
                applyOps(index, cmd.getBatch().getOpsList());
                yield KvCommandResult.newBuilder().setBatch(BatchResponse.newBuilder().setHeader(header)).build();
            }
            case TXN -> KvCommandResult.newBuilder().setTxn(transaction(index, header, cmd.getTxn())).build();
            case ORDERED_SCAN -> scan(header, cmd.getOrderedScan());
            case OP_NOT_SET -> throw new IllegalStateException("validated command has no operation");
        };
    }

    private static boolean readOnly(KvCommand cmd) {
        return cmd.getOpCase() == KvCommand.OpCase.GET || cmd.getOpCase() == KvCommand.OpCase.ORDERED_SCAN;
    }

    private CompareAndSetResponse compareAndSet(long index, ResponseHeader header, CompareAndSetRequest cas) {
        KeyValue current = lookup(cas.getKey());
        boolean matches = cas.getExpectAbsent()
                ? current == null
                : current != null && current.getValue().equals(cas.getExpectedValue());
        CompareAndSetResponse.Builder response = CompareAndSetResponse.newBuilder().setHeader(header).setSucceeded(matches);
        if (matches) {
            write(index, cas.getKey(), cas.getNewValue());
            current = lookup(cas.getKey());
        }
        if (current != null) {
            response.setCurrent(current).setHadCurrent(true);
        }
        return response.build();
    }

    /**
     * Evaluates every compare against the state before the transaction and applies its
     * operations iff all hold. Compares read the committed store only: nothing of this command
     * is pending yet.
     */
    private TxnResponse transaction(long index, ResponseHeader header, TxnRequest txn) {
        TxnResponse.Builder response = TxnResponse.newBuilder().setHeader(header).setFailedCompare(-1);
        for (int i = 0; i < txn.getComparesCount(); i++) {
            if (!holds(txn.getCompares(i))) {
                return response.setSucceeded(false).setFailedCompare(i).build();
            }
        }
        applyOps(index, txn.getOpsList());
        return response.setSucceeded(true).build();
    }

    private boolean holds(TxnCompare compare) {
        RangeSummary range = store.summarize(compare.getStartKey(), compare.getEndKey());
        return range.count() == compare.getExpectedCount()
                && Long.compareUnsigned(range.maxModRevision(), compare.getMaxModRevision()) <= 0;
    }

    /** Operations apply in order, so a later operation on the same key wins. */
    private void applyOps(long index, List<BatchOp> ops) {
        for (BatchOp op : ops) {
            switch (op.getOpCase()) {
                case PUT -> write(index, op.getPut().getKey(), op.getPut().getValue());
                case DELETE -> remove(op.getDelete().getKey());
                case OP_NOT_SET -> throw new IllegalStateException("validated batch has an empty operation");
            }
        }
    }

    /** Writes a value and returns the previous key-value, or null if the key was absent. */
    private KeyValue write(long index, ByteString key, ByteString value) {
        KeyValue previous = lookup(key);
        KeyValue next = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setModRevision(index)
                .setCreateRevision(previous == null ? index : previous.getCreateRevision())
                .setVersion(previous == null ? 1 : previous.getVersion() + 1)
                .build();
        pending.put(next);
        return previous;
    }

    private boolean remove(ByteString key) {
        KeyValue previous = lookup(key);
        if (previous != null) {
            pending.delete(key);
        }
        return previous != null;
    }

    /** The current record of {@code key}, including writes of the command being applied. */
    private KeyValue lookup(ByteString key) {
        if (pending != null && pending.touches(key)) {
            return pending.pendingRecord(key);
        }
        return store.get(key);
    }

    private GetResponse get(ResponseHeader header, ByteString key) {
        KeyValue kv = lookup(key);
        GetResponse.Builder get = GetResponse.newBuilder().setHeader(header).setFound(kv != null);
        if (kv != null) {
            get.setKv(kv);
        }
        return get.build();
    }

    @Override
    public byte[] query(byte[] request) {
        KvQuery query;
        try {
            query = KvQuery.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            return errorResult(KvError.Code.INVALID_ARGUMENT, "query is not an encoded KvQuery").toByteArray();
        }
        ResponseHeader header = ResponseHeader.newBuilder().setRevision(store.appliedIndex()).build();
        KvCommandResult result = switch (query.getQueryCase()) {
            case GET -> CommandValidator.key(query.getGet().getKey())
                    .map(KvStateMachine::errorResult)
                    .orElseGet(() -> KvCommandResult.newBuilder().setGet(get(header, query.getGet().getKey())).build());
            case SCAN -> scan(header, query.getScan());
            case QUERY_NOT_SET -> errorResult(KvError.Code.INVALID_ARGUMENT, "query has no operation");
        };
        return result.toByteArray();
    }

    private KvCommandResult scan(ResponseHeader header, ScanRequest scan) {
        ByteString start = scan.getStartKey();
        ByteString end = scan.getEndKey();
        ByteString guard = scan.getGuardKey();
        Optional<KvError> invalid = CommandValidator.bound(start).or(() -> CommandValidator.bound(end))
                .or(() -> guard.isEmpty() ? Optional.empty() : CommandValidator.key(guard));
        if (invalid.isPresent()) {
            return errorResult(invalid.get());
        }
        ScanResponse.Builder response = ScanResponse.newBuilder().setHeader(header);
        if (!guard.isEmpty()) {
            KeyValue guarded = lookup(guard);
            if (guarded != null) {
                response.setGuard(guarded);
            }
        }
        if (!end.isEmpty() && ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
            return KvCommandResult.newBuilder().setScan(response).build();
        }
        long limit = Integer.toUnsignedLong(scan.getLimit());
        // One record beyond the limit tells whether there are more.
        List<KeyValue> found = store.scan(start, end, limit == 0 ? 0 : limit + 1, scan.getReverse());
        if (limit != 0 && found.size() > limit) {
            found = found.subList(0, (int) limit);
            response.setMore(true);
        }
        long bytes = 0;
        for (int i = 0; i < found.size() - 1; i++) {
            bytes += found.get(i).getKey().size() + found.get(i).getValue().size();
            if (bytes >= KvLimits.MAX_SCAN_RESPONSE_BYTES) {
                found = found.subList(0, i + 1);
                response.setMore(true);
                break;
            }
        }
        response.addAllKvs(found);
        return KvCommandResult.newBuilder().setScan(response).build();
    }

    @Override
    public long appliedIndex() {
        return store.appliedIndex();
    }

    /** The whole state as an encoded {@code KvSnapshot}; see {@link #openSnapshot()} to stream it. */
    @Override
    public byte[] snapshot() {
        try (SnapshotReader reader = store.openSnapshot()) {
            return SnapshotCodec.toBytes(reader);
        }
    }

    /**
     * A consistent view of the state at the current applied index that may be read (for example
     * with {@link SnapshotCodec#write}) on another thread while this machine keeps applying.
     */
    public SnapshotReader openSnapshot() {
        return store.openSnapshot();
    }

    /** Opens a store snapshot now (cheap: a read transaction or a copy of references); encodes it in {@code toBytes}. */
    @Override
    public StateCheckpoint checkpoint() {
        SnapshotReader reader = store.openSnapshot();
        return new StateCheckpoint() {
            @Override
            public long index() {
                return reader.appliedIndex();
            }

            @Override
            public byte[] toBytes() {
                return SnapshotCodec.toBytes(reader);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public void restore(long index, byte[] snapshot) {
        restore(index, new ByteArrayInputStream(snapshot));
    }

    /** Replaces the whole state with an encoded {@code KvSnapshot} streamed from {@code snapshot}. */
    public void restore(long index, InputStream snapshot) {
        try {
            store.restoreFrom(index, snapshot);
        } finally {
            sessions.reload(store.sessions());
        }
    }

    @Override
    public long digest() {
        return store.digest();
    }

    /** Makes every applied command durable (see {@link StateStore#sync()}). */
    @Override
    public void sync() {
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }

    /** Number of live keys; walks the whole store, so meant for tests and tools. */
    public int size() {
        return Math.toIntExact(store.summarize(ByteString.EMPTY, ByteString.EMPTY).count());
    }

    /** Number of client sessions currently remembered. */
    public int sessionCount() {
        return sessions.size();
    }

    private static KvCommandResult errorResult(KvError.Code code, String message) {
        return errorResult(CommandValidator.error(code, message));
    }

    private static KvCommandResult errorResult(KvError error) {
        return KvCommandResult.newBuilder().setError(error).build();
    }
}
