package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.BatchRequest;
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
import io.synod.proto.kv.KvSnapshot;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.ResponseHeader;
import io.synod.proto.kv.ScanRequest;
import io.synod.proto.kv.ScanResponse;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated key-value state machine. Commands are encoded {@link KvCommand}s, results
 * encoded {@link KvCommandResult}s; queries are encoded {@link KvQuery}s (an encoded
 * {@code KvCommand} whose op is {@code get} is one too). Keys are ordered unsigned
 * lexicographically; each key carries etcd-style revisions: {@code mod_revision} is the log index
 * of its last write, {@code create_revision} the index that created it, {@code version} the
 * number of writes since then.
 *
 * <p>A command with a non-zero {@code client_id} runs in that client's session: a retry of the
 * last applied sequence returns the stored result without applying again, and an older sequence
 * is answered with {@code STALE_SEQUENCE}. A session that was evicted (see {@link ClientSessions})
 * no longer protects against duplicates.
 */
public final class KvStateMachine implements ReplicatedStateMachine {

    private final NavigableMap<ByteString, KeyValue> kvs =
            new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    private final ClientSessions sessions;
    private long appliedIndex;
    private long kvHashSum;

    public KvStateMachine() {
        this(KvLimits.DEFAULT_MAX_SESSIONS);
    }

    public KvStateMachine(int maxSessions) {
        this.sessions = new ClientSessions(maxSessions);
    }

    @Override
    public byte[] apply(long index, byte[] command) {
        if (index <= appliedIndex) {
            throw new IllegalArgumentException("index " + index + " is not after applied index " + appliedIndex);
        }
        appliedIndex = index;
        KvCommand cmd;
        try {
            cmd = KvCommand.parseFrom(command);
        } catch (InvalidProtocolBufferException e) {
            return errorResult(KvError.Code.INVALID_ARGUMENT, "command is not an encoded KvCommand").toByteArray();
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
            sessions.record(clientId, cmd.getSequence(), index, result);
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
                applyBatch(index, cmd.getBatch());
                yield KvCommandResult.newBuilder().setBatch(BatchResponse.newBuilder().setHeader(header)).build();
            }
            case OP_NOT_SET -> throw new IllegalStateException("validated command has no operation");
        };
    }

    private CompareAndSetResponse compareAndSet(long index, ResponseHeader header, CompareAndSetRequest cas) {
        KeyValue current = kvs.get(cas.getKey());
        boolean matches = cas.getExpectAbsent()
                ? current == null
                : current != null && current.getValue().equals(cas.getExpectedValue());
        CompareAndSetResponse.Builder response = CompareAndSetResponse.newBuilder().setHeader(header).setSucceeded(matches);
        if (matches) {
            write(index, cas.getKey(), cas.getNewValue());
            current = kvs.get(cas.getKey());
        }
        if (current != null) {
            response.setCurrent(current).setHadCurrent(true);
        }
        return response.build();
    }

    /** Operations apply in order, so a later operation on the same key wins. */
    private void applyBatch(long index, BatchRequest batch) {
        for (BatchOp op : batch.getOpsList()) {
            switch (op.getOpCase()) {
                case PUT -> write(index, op.getPut().getKey(), op.getPut().getValue());
                case DELETE -> remove(op.getDelete().getKey());
                case OP_NOT_SET -> throw new IllegalStateException("validated batch has an empty operation");
            }
        }
    }

    /** Writes a value and returns the previous key-value, or null if the key was absent. */
    private KeyValue write(long index, ByteString key, ByteString value) {
        KeyValue previous = kvs.get(key);
        KeyValue next = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setModRevision(index)
                .setCreateRevision(previous == null ? index : previous.getCreateRevision())
                .setVersion(previous == null ? 1 : previous.getVersion() + 1)
                .build();
        putKv(next);
        return previous;
    }

    private boolean remove(ByteString key) {
        KeyValue previous = kvs.remove(key);
        if (previous != null) {
            kvHashSum -= StateHash.of(previous.toByteString());
        }
        return previous != null;
    }

    private void putKv(KeyValue kv) {
        KeyValue previous = kvs.put(kv.getKey(), kv);
        if (previous != null) {
            kvHashSum -= StateHash.of(previous.toByteString());
        }
        kvHashSum += StateHash.of(kv.toByteString());
    }

    private GetResponse get(ResponseHeader header, ByteString key) {
        KeyValue kv = kvs.get(key);
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
        ResponseHeader header = ResponseHeader.newBuilder().setRevision(appliedIndex).build();
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
        Optional<KvError> invalid = CommandValidator.bound(start).or(() -> CommandValidator.bound(end));
        if (invalid.isPresent()) {
            return errorResult(invalid.get());
        }
        ScanResponse.Builder response = ScanResponse.newBuilder().setHeader(header);
        if (!end.isEmpty() && ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
            return KvCommandResult.newBuilder().setScan(response).build();
        }
        NavigableMap<ByteString, KeyValue> range = end.isEmpty() ? kvs.tailMap(start, true) : kvs.subMap(start, true, end, false);
        if (scan.getReverse()) {
            range = range.descendingMap();
        }
        long limit = scan.getLimit() == 0 ? Long.MAX_VALUE : Integer.toUnsignedLong(scan.getLimit());
        for (Map.Entry<ByteString, KeyValue> e : range.entrySet()) {
            if (response.getKvsCount() == limit) {
                response.setMore(true);
                break;
            }
            response.addKvs(e.getValue());
        }
        return KvCommandResult.newBuilder().setScan(response).build();
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public byte[] snapshot() {
        return KvSnapshot.newBuilder()
                .setAppliedIndex(appliedIndex)
                .addAllKvs(kvs.values())
                .addAllSessions(sessions.inApplyOrder())
                .build()
                .toByteArray();
    }

    @Override
    public void restore(long index, byte[] snapshot) {
        KvSnapshot parsed;
        try {
            parsed = KvSnapshot.parseFrom(snapshot);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("snapshot is not an encoded KvSnapshot", e);
        }
        if (parsed.getAppliedIndex() != index) {
            throw new IllegalArgumentException("snapshot was taken at index " + parsed.getAppliedIndex()
                    + ", not at " + index);
        }
        kvs.clear();
        kvHashSum = 0;
        sessions.clear();
        for (KeyValue kv : parsed.getKvsList()) {
            putKv(kv);
        }
        for (KvSession session : parsed.getSessionsList()) {
            sessions.put(session);
        }
        appliedIndex = index;
    }

    @Override
    public long digest() {
        long h = StateHash.mix(appliedIndex);
        h = StateHash.mix(h + kvHashSum);
        return StateHash.mix(h + sessions.hashSum());
    }

    /** Number of live keys. */
    public int size() {
        return kvs.size();
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
