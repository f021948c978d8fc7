package io.synod.kv.transport.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.synod.proto.peer.PeerAck;
import io.synod.proto.peer.PeerFrames;
import io.synod.proto.peer.PeerServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The outbound half of the link to one peer: a bounded queue and one long-lived client stream
 * that drains it in batches as fast as gRPC flow control allows, re-opened with backoff when it
 * fails.
 *
 * <p>Threading: everything that touches the stream (opening it, writing batches, reacting to
 * its events) runs in one {@link SynchronizationContext}: serialized, but on the thread that
 * asked for it, unless another thread is already running the context's tasks, which then runs
 * this one too. So a replica's event loop that enqueues a message writes it to the stream
 * itself when the link is idle, instead of waking another thread first: on a busy two-core
 * machine every thread hand-off on the commit path costs a scheduling delay. The write never
 * blocks: gRPC only serializes the message and queues it for the Netty I/O thread, and flow
 * control ({@code isReady}) bounds what is written. The transport's timer thread {@code timer}
 * only fires reconnects and delayed drains.
 */
final class PeerConnection {

    /** Room reserved in a stream message for the frame around the envelopes. */
    static final int FRAME_OVERHEAD_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private enum State { CONNECTING, CONNECTED, BACKOFF, CLOSED }

    private final long localNodeId;
    private final long peerId;
    private final String address;
    private final GrpcTransportConfig config;
    private final ScheduledExecutorService timer;
    private final SynchronizationContext context;
    private final PeerQueue queue;
    private final PeerCounters counters;
    private final ManagedChannel channel;
    private final ReconnectBackoff backoff;

    // Confined to the synchronization context.
    private State state = State.CONNECTING;
    private ClientCallStreamObserver<PeerFrames> stream;
    private int streamGeneration;
    private int failuresSinceConnected;
    private SynchronizationContext.ScheduledHandle delayedDrain;

    PeerConnection(long peerId, String address, GrpcTransportConfig config, ScheduledExecutorService timer,
                   PeerCounters counters, EventLoops eventLoops) {
        this.localNodeId = config.localNodeId();
        this.peerId = peerId;
        this.address = address;
        this.config = config;
        this.timer = timer;
        this.context = new SynchronizationContext((thread, error) -> LOG.error(
                "node {}: unexpected failure on the link to peer {}", config.localNodeId(), peerId, error));
        this.counters = counters;
        this.queue = new PeerQueue(config.queueMaxMessages(), config.queueMaxBytes());
        this.backoff = new ReconnectBackoff(config.reconnectInitialDelay(), config.reconnectMaxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.channel = eventLoops.configure(NettyChannelBuilder.forTarget(address))
                .usePlaintext()
                .directExecutor()
                // Retries would buffer a client stream's messages (megabytes) until it commits.
                .disableRetry()
                .maxInboundMessageSize(64 * 1024)
                .keepAliveTime(GrpcTransportConfig.KEEPALIVE_SECONDS, TimeUnit.SECONDS)
                .keepAliveTimeout(GrpcTransportConfig.KEEPALIVE_SECONDS / 2, TimeUnit.SECONDS)
                .build();
    }

    String address() {
        return address;
    }

    void start() {
        context.execute(this::openStream);
    }

    /** Queues one encoded envelope; counts it as dropped if the queue is full. Never blocks. */
    void enqueue(byte[] envelope, long readyAtNanos) {
        if (queue.offer(envelope, readyAtNanos)) {
            context.execute(this::drain);
        } else {
            counters.dropped.increment();
        }
    }

    int queuedMessages() {
        return queue.size();
    }

    long queuedBytes() {
        return queue.bytes();
    }

    /** Ends the stream and starts shutting the channel down; see {@link #awaitClosed}. */
    void close() {
        context.execute(() -> {
            State previous = state;
            state = State.CLOSED;
            if (delayedDrain != null) {
                delayedDrain.cancel();
            }
            if (stream != null && previous == State.CONNECTED) {
                stream.onCompleted();
            } else if (stream != null) {
                stream.cancel("peer connection closed", null);
            }
            stream = null;
            channel.shutdown();
        });
    }

    /** Waits a bounded time for the channel to terminate, then forces it. */
    void awaitClosed() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void openStream() {
        if (state == State.CLOSED) {
            return;
        }
        // Our backoff governs reconnects, not the channel's own (which grows to two minutes).
        channel.resetConnectBackoff();
        int generation = ++streamGeneration;
        PeerServiceGrpc.newStub(channel).stream(new ClientResponseObserver<PeerFrames, PeerAck>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<PeerFrames> requestStream) {
                stream = requestStream;
                requestStream.setOnReadyHandler(() -> context.execute(() -> onReady(generation)));
            }

            @Override
            public void onNext(PeerAck ack) {
                // The peer acknowledges only when we close the stream; nothing to do.
            }

            @Override
            public void onError(Throwable t) {
                Status status = Status.fromThrowable(t);
                context.execute(() -> onStreamEnded(generation, status.getCode() + describe(status)));
            }

            @Override
            public void onCompleted() {
                context.execute(() -> onStreamEnded(generation, "closed by the peer"));
            }
        });
    }

    private void onReady(int generation) {
        if (generation != streamGeneration || state == State.CLOSED) {
            return;
        }
        if (state != State.CONNECTED) {
            LOG.info("node {}: connected to peer {} at {}", localNodeId, peerId, address);
            state = State.CONNECTED;
            failuresSinceConnected = 0;
            backoff.reset();
        }
        drain();
    }

    private void onStreamEnded(int generation, String reason) {
        if (generation != streamGeneration || state == State.CLOSED) {
            return;
        }
        stream = null;
        long delayNanos = backoff.nextDelayNanos();
        if (state == State.CONNECTED) {
            LOG.warn("node {}: lost stream to peer {} at {} ({}); reconnecting", localNodeId, peerId, address, reason);
        } else if (failuresSinceConnected == 0) {
            LOG.warn("node {}: peer {} at {} unreachable ({}); retrying with backoff up to {} ms",
                    localNodeId, peerId, address, reason, config.reconnectMaxDelay().toMillis());
        } else {
            LOG.debug("node {}: peer {} at {} still unreachable ({}); next attempt in {} ms",
                    localNodeId, peerId, address, reason, TimeUnit.NANOSECONDS.toMillis(delayNanos));
        }
        failuresSinceConnected++;
        state = State.BACKOFF;
        schedule(this::openStream, delayNanos);
    }

    /** Writes due batches while the stream has room; gRPC calls onReady when it has room again. */
    private void drain() {
        if (state != State.CONNECTED || stream == null) {
            return;
        }
        while (stream.isReady()) {
            long now = System.nanoTime();
            List<byte[]> batch = queue.drain(config.batchMaxMessages(), config.batchMaxBytes(), now);
            if (batch.isEmpty()) {
                scheduleDrainWhenHeadDue(queue.nanosUntilHeadDue(now));
                return;
            }
            PeerFrames.Builder frames = PeerFrames.newBuilder().setFrom(localNodeId);
            for (byte[] envelope : batch) {
                frames.addEnvelopes(UnsafeByteOperations.unsafeWrap(envelope));
            }
            stream.onNext(frames.build());
            counters.sent.add(batch.size());
            counters.writes.increment();
        }
    }

    private void scheduleDrainWhenHeadDue(long nanos) {
        if (nanos <= 0 || (delayedDrain != null && delayedDrain.isPending())) {
            return;
        }
        delayedDrain = schedule(this::drain, nanos);
    }

    /** Runs {@code task} in the context after {@code nanos}; null if the transport is closing. */
    private SynchronizationContext.ScheduledHandle schedule(Runnable task, long nanos) {
        try {
            return context.schedule(task, nanos, TimeUnit.NANOSECONDS, timer);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? "" : ": " + status.getDescription();
    }
}
