package io.synod.kv.client;

import com.google.protobuf.ByteString;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.BatchRequest;
import io.synod.proto.kv.BatchResponse;
import io.synod.proto.kv.CompareAndSetRequest;
import io.synod.proto.kv.CompareAndSetResponse;
import io.synod.proto.kv.DeleteRequest;
import io.synod.proto.kv.DeleteResponse;
import io.synod.proto.kv.GetRequest;
import io.synod.proto.kv.GetResponse;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvServiceGrpc;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.RequestHeader;
import io.synod.proto.kv.ResponseHeader;
import io.synod.proto.kv.ScanRequest;
import io.synod.proto.kv.ScanResponse;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnRequest;
import io.synod.proto.kv.TxnResponse;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A client of a Synod cluster's key-value service. Thread-safe; share one per process.
 *
 * <p>Built from some of the cluster's node addresses; any node accepts any request (followers
 * forward writes to the leader). The client learns the leader's address from answers and
 * redirects and sends writes there directly; when a node is unreachable or no leader is known
 * it retries on the next node with backoff until the call's timeout. Every write runs in a
 * client session (random client id, increasing sequence), so a write retried after a lost
 * answer is applied at most once.
 *
 * <p>Every operation has a blocking form and an {@code ...Async} form; failures are
 * {@link KvException}s (thrown, or completing the future). The futures complete on the client's
 * network threads: stages chained to them must not block (use the {@code ...Async} variants of
 * {@link CompletableFuture} with an executor for blocking work).
 */
public final class KvClient implements AutoCloseable {

    private final long groupId;
    private final Duration callTimeout;
    private final Endpoints endpoints;
    private final ScheduledExecutorService timer;
    private final Retrier retrier;
    private final SessionPool sessions = new SessionPool();
    /** Null when the cluster's nodes are trusted (crash-tolerant protocols). */
    private final ReplyCertificateVerifier certificates;

    private KvClient(Builder b) {
        this.groupId = b.groupId;
        this.certificates = b.certificates;
        this.callTimeout = b.callTimeout;
        this.endpoints = new Endpoints(b.endpoints);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synod-kv-client-retry");
            t.setDaemon(true);
            return t;
        });
        this.retrier = new Retrier(endpoints, timer, b.attemptTimeout);
    }

    public static Builder builder(List<String> endpoints) {
        return new Builder(endpoints);
    }

    public static KvClient connect(String... endpoints) {
        return builder(List.of(endpoints)).build();
    }

    public static final class Builder {
        private final List<String> endpoints;
        private long groupId;
        private Duration callTimeout = Duration.ofSeconds(10);
        private Duration attemptTimeout = Duration.ofSeconds(3);
        private ReplyCertificateVerifier certificates;

        private Builder(List<String> endpoints) {
            this.endpoints = List.copyOf(endpoints);
        }

        /** The group to address (0, the default, means group 1). */
        public Builder group(long groupId) {
            this.groupId = groupId;
            return this;
        }

        /** How long one operation may take, retries included. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout);
            return this;
        }

        /** How long one attempt on one node may take before trying another. */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = positive(timeout);
            return this;
        }

        /**
         * Trusts no single node of a Byzantine-tolerant (PBFT) cluster: every answer must carry a
         * certificate of f+1 replicas' signed replies, which {@code certificates} checks; an
         * answer without a valid one is refused and the request retried on another node. Reads
         * are then ordered through the log like writes (see {@code RequestHeader.certify}).
         */
        public Builder certifiedBy(ReplyCertificateVerifier certificates) {
            this.certificates = Objects.requireNonNull(certificates);
            return this;
        }

        public KvClient build() {
            return new KvClient(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            return d;
        }
    }

    // ------------------------------------------------------------------ writes

    public PutResult put(byte[] key, byte[] value) {
        return await(putAsync(key, value));
    }

    public CompletableFuture<PutResult> putAsync(byte[] key, byte[] value) {
        PutRequest.Builder request = PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value));
        return write((header, ch, dl, out) -> stub(ch, dl).put(request.setHeader(header).build(), out),
                Answer.PUT, command -> command.setPut(request.clone().clearHeader()),
                r -> new PutResult(r.getHeader().getRevision(),
                        r.getHadPrevious() ? Optional.of(KeyValue.of(r.getPrevious())) : Optional.empty()));
    }

    public DeleteResult delete(byte[] key) {
        return await(deleteAsync(key));
    }

    public CompletableFuture<DeleteResult> deleteAsync(byte[] key) {
        DeleteRequest.Builder request = DeleteRequest.newBuilder().setKey(bytes(key));
        return write((header, ch, dl, out) -> stub(ch, dl).delete(request.setHeader(header).build(), out),
                Answer.DELETE, command -> command.setDelete(request.clone().clearHeader()), r -> new DeleteResult(r.getHeader().getRevision(), r.getDeleted()));
    }

    /** Sets {@code key} to {@code newValue} if its value is {@code expected} ({@code null}: if it is absent). */
    public CasResult compareAndSet(byte[] key, byte[] expected, byte[] newValue) {
        return await(compareAndSetAsync(key, expected, newValue));
    }

    public CompletableFuture<CasResult> compareAndSetAsync(byte[] key, byte[] expected, byte[] newValue) {
        CompareAndSetRequest.Builder request = CompareAndSetRequest.newBuilder()
                .setKey(bytes(key)).setNewValue(bytes(newValue));
        if (expected == null) {
            request.setExpectAbsent(true);
        } else {
            request.setExpectedValue(bytes(expected));
        }
        return write((header, ch, dl, out) -> stub(ch, dl).compareAndSet(request.setHeader(header).build(), out),
                Answer.CAS, command -> command.setCas(request.clone().clearHeader()),
                r -> new CasResult(r.getSucceeded(), r.getHeader().getRevision(),
                        r.getHadCurrent() ? Optional.of(KeyValue.of(r.getCurrent())) : Optional.empty()));
    }

    /** Applies all operations atomically, in order; returns the batch's revision. */
    public long batch(List<BatchOperation> operations) {
        return await(batchAsync(operations));
    }

    public CompletableFuture<Long> batchAsync(List<BatchOperation> operations) {
        BatchRequest.Builder request = BatchRequest.newBuilder();
        operations.forEach(op -> request.addOps(batchOp(op)));
        return write((header, ch, dl, out) -> stub(ch, dl).batch(request.setHeader(header).build(), out),
                Answer.BATCH, command -> command.setBatch(request.clone().clearHeader()), r -> r.getHeader().getRevision());
    }

    /**
     * Applies {@code operations} atomically, in order, iff every condition holds against the
     * state just before; otherwise applies nothing and names the first condition that failed.
     * Retried like every write within one session, so it is decided at most once.
     */
    public TxnResult txn(List<TxnCondition> conditions, List<BatchOperation> operations) {
        return await(txnAsync(conditions, operations));
    }

    public CompletableFuture<TxnResult> txnAsync(List<TxnCondition> conditions, List<BatchOperation> operations) {
        TxnRequest.Builder request = TxnRequest.newBuilder();
        for (TxnCondition c : conditions) {
            request.addCompares(TxnCompare.newBuilder().setStartKey(bytes(c.start()))
                    .setEndKey(c.end() == null ? ByteString.EMPTY : bytes(c.end()))
                    .setExpectedCount(c.expectedCount()).setMaxModRevision(c.maxModRevision()));
        }
        operations.forEach(op -> request.addOps(batchOp(op)));
        return write((header, ch, dl, out) -> stub(ch, dl).txn(request.setHeader(header).build(), out),
                Answer.TXN, command -> command.setTxn(request.clone().clearHeader()),
                r -> new TxnResult(r.getSucceeded(), r.getFailedCompare(), r.getHeader().getRevision()));
    }

    // ------------------------------------------------------------------ reads

    /** A linearizable get. */
    public Optional<KeyValue> get(byte[] key) {
        return await(getAsync(key, Consistency.LINEARIZABLE));
    }

    public Optional<KeyValue> get(byte[] key, Consistency consistency) {
        return await(getAsync(key, consistency));
    }

    public CompletableFuture<Optional<KeyValue>> getAsync(byte[] key, Consistency consistency) {
        GetRequest.Builder request = GetRequest.newBuilder()
                .setKey(bytes(key)).setConsistency(consistency.level())
                .setMaxStalenessMs(consistency.maxStaleness().toMillis());
        return read((header, ch, dl, out) -> stub(ch, dl).get(request.clone().setHeader(header).build(), out),
                Answer.GET, command -> command.setGet(request.clone().clearHeader()),
                r -> r.getFound() ? Optional.of(KeyValue.of(r.getKv())) : Optional.empty());
    }

    /**
     * Keys from {@code start} (inclusive) to {@code end} (exclusive; empty or null: to the end
     * of the key space), at most {@code limit} (0: no limit), descending if {@code reverse};
     * linearizable. The result carries the revision it was read at, for {@link TxnCondition}s.
     * A response holds at most about {@code KvLimits.MAX_SCAN_RESPONSE_BYTES} of keys and values:
     * when {@code more} is set, continue after the last key returned.
     */
    public ScanResult scan(byte[] start, byte[] end, int limit, boolean reverse) {
        return await(scanAsync(start, end, limit, reverse, Consistency.LINEARIZABLE));
    }

    public ScanResult scan(byte[] start, byte[] end, int limit, boolean reverse, Consistency consistency) {
        return await(scanAsync(start, end, limit, reverse, consistency));
    }

    public CompletableFuture<ScanResult> scanAsync(byte[] start, byte[] end, int limit, boolean reverse,
                                                   Consistency consistency) {
        return scanAsync(start, end, limit, reverse, consistency, null);
    }

    /**
     * A scan that also reads {@code guardKey} (null: none) at the same revision, for
     * {@link ScanResult#guard()}: one round trip checks a key the scan's meaning depends on.
     */
    public ScanResult scan(byte[] start, byte[] end, int limit, boolean reverse, Consistency consistency,
                           byte[] guardKey) {
        return await(scanAsync(start, end, limit, reverse, consistency, guardKey));
    }

    public CompletableFuture<ScanResult> scanAsync(byte[] start, byte[] end, int limit, boolean reverse,
                                                   Consistency consistency, byte[] guardKey) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        ScanRequest.Builder request = ScanRequest.newBuilder()
                .setStartKey(bytes(start)).setEndKey(end == null ? ByteString.EMPTY : bytes(end))
                .setLimit(limit).setReverse(reverse).setConsistency(consistency.level())
                .setMaxStalenessMs(consistency.maxStaleness().toMillis());
        if (guardKey != null) {
            request.setGuardKey(bytes(guardKey));
        }
        return read((header, ch, dl, out) -> stub(ch, dl).scan(request.clone().setHeader(header).build(), out),
                Answer.SCAN, command -> command.setOrderedScan(request.clone().clearHeader()),
                r -> new ScanResult(r.getKvsList().stream().map(KeyValue::of).toList(), r.getMore(),
                        r.getHeader().getRevision(), r.hasGuard() ? KeyValue.of(r.getGuard()) : null));
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Call<R> {
        void start(RequestHeader header, ManagedChannel channel, Deadline deadline, FutureObserver<R> out);
    }

    /** Where a response of type {@code R} keeps its header, and where a certified result keeps its body. */
    private record Answer<R>(KvCommandResult.ResultCase kind, Function<KvCommandResult, R> body,
                             Function<R, ResponseHeader> header) {
        static final Answer<PutResponse> PUT =
                new Answer<>(KvCommandResult.ResultCase.PUT, KvCommandResult::getPut, PutResponse::getHeader);
        static final Answer<DeleteResponse> DELETE =
                new Answer<>(KvCommandResult.ResultCase.DELETE, KvCommandResult::getDelete, DeleteResponse::getHeader);
        static final Answer<CompareAndSetResponse> CAS =
                new Answer<>(KvCommandResult.ResultCase.CAS, KvCommandResult::getCas, CompareAndSetResponse::getHeader);
        static final Answer<BatchResponse> BATCH =
                new Answer<>(KvCommandResult.ResultCase.BATCH, KvCommandResult::getBatch, BatchResponse::getHeader);
        static final Answer<TxnResponse> TXN =
                new Answer<>(KvCommandResult.ResultCase.TXN, KvCommandResult::getTxn, TxnResponse::getHeader);
        static final Answer<GetResponse> GET =
                new Answer<>(KvCommandResult.ResultCase.GET, KvCommandResult::getGet, GetResponse::getHeader);
        static final Answer<ScanResponse> SCAN =
                new Answer<>(KvCommandResult.ResultCase.SCAN, KvCommandResult::getScan, ScanResponse::getHeader);
    }

    private <R, T> CompletableFuture<T> write(Call<R> call, Answer<R> answer,
                                              UnaryOperator<KvCommand.Builder> operation, Function<R, T> convert) {
        return inSession(true, call, answer, operation).thenApply(convert);
    }

    /**
     * A read: answered by any node from its state, or, when answers must be certified, ordered
     * through the log in a session ticket of its own so that concurrent equal reads stay apart.
     */
    private <R, T> CompletableFuture<T> read(Call<R> call, Answer<R> answer,
                                             UnaryOperator<KvCommand.Builder> operation, Function<R, T> convert) {
        CompletableFuture<R> response = certificates == null
                ? send(false, null, call, answer, operation) : inSession(false, call, answer, operation);
        return response.thenApply(convert);
    }

    /** Sends in a session ticket (client id and sequence), held until the answer or failure. */
    private <R> CompletableFuture<R> inSession(boolean write, Call<R> call, Answer<R> answer,
                                               UnaryOperator<KvCommand.Builder> operation) {
        SessionPool.Ticket ticket = sessions.acquire();
        return send(write, ticket, call, answer, operation).whenComplete((r, e) -> sessions.release(ticket));
    }

    private <R> CompletableFuture<R> send(boolean write, SessionPool.Ticket ticket, Call<R> call, Answer<R> answer,
                                          UnaryOperator<KvCommand.Builder> operation) {
        RequestHeader.Builder header = header().toBuilder();
        if (ticket != null) {
            header.setClientId(ticket.clientId()).setSequence(ticket.sequence());
        }
        if (certificates != null) {
            header.setCertify(true);
        }
        RequestHeader sent = header.build();
        KvCommand command = certificates == null ? null : operation.apply(
                KvCommand.newBuilder().setClientId(sent.getClientId()).setSequence(sent.getSequence())).build();
        return retrier.call(write, callTimeout, (ch, dl) -> {
            CompletableFuture<R> f = new CompletableFuture<>();
            call.start(sent, ch, dl, new FutureObserver<>(f));
            return command == null ? f : f.thenApply(r -> certified(command, answer, r));
        }, r -> answer.header().apply(r).getLeaderAddress());
    }

    /**
     * The answer {@code response}'s certificate proves for {@code command}, with the response's
     * header (its routing hints); the node's unproven word counts for nothing, so a certificate
     * that proves nothing fails the attempt retryably and the request goes to another node.
     */
    private <R> R certified(KvCommand command, Answer<R> answer, R response) {
        ResponseHeader header = answer.header().apply(response);
        KvCommandResult result;
        try {
            result = certificates.verify(command, header.getCertificate());
        } catch (UncertifiedResultException e) {
            throw Status.UNAVAILABLE.withDescription("node " + header.getMemberId()
                    + " answered without proof: " + e.getMessage()).asRuntimeException();
        }
        if (result.getResultCase() == KvCommandResult.ResultCase.ERROR) {
            throw KvException.statusOf(result.getError()).asRuntimeException();
        }
        if (result.getResultCase() != answer.kind()) {
            throw Status.INTERNAL.withDescription("the cluster certified a " + result.getResultCase()
                    + " result for a " + answer.kind() + " request").asRuntimeException();
        }
        return answer.body().apply(result);
    }

    private static BatchOp batchOp(BatchOperation op) {
        return op.isDelete()
                ? BatchOp.newBuilder().setDelete(DeleteRequest.newBuilder().setKey(bytes(op.key()))).build()
                : BatchOp.newBuilder().setPut(PutRequest.newBuilder().setKey(bytes(op.key()))
                        .setValue(bytes(op.value()))).build();
    }

    private RequestHeader header() {
        return RequestHeader.newBuilder().setGroupId(groupId).build();
    }

    private static KvServiceGrpc.KvServiceStub stub(ManagedChannel channel, Deadline deadline) {
        return KvServiceGrpc.newStub(channel).withDeadline(deadline);
    }

    private static ByteString bytes(byte[] b) {
        return ByteString.copyFrom(Objects.requireNonNull(b));
    }

    /** Waits for an operation, rethrowing its {@link KvException}. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw KvException.of(e.getCause());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        endpoints.close();
    }
}
