package io.synod.kv.transport.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.RouteResult.Reason;
import io.synod.proto.peer.PeerFrames;
import io.synod.proto.peer.PeerServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Set<Long> ALL = Set.of(1L, 2L, 3L);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private TestNode node(GrpcTransportConfig config, HostedGroups membership) {
        TestNode node = TestNode.start(config, membership, Map.of());
        started.add(node);
        return node;
    }

    private static GrpcTransportConfig config(String cluster, long id) {
        return GrpcTransportConfig.defaults(cluster, id)
                .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    /** Every node knows every other's address. */
    private static void connect(List<TestNode> nodes) {
        for (TestNode from : nodes) {
            for (TestNode to : nodes) {
                from.transport.setPeerAddress(to.id(), to.address());
            }
        }
    }

    @Test
    void threeNodesExchangeEveryMessageTypeForSeveralGroupsIntact() throws Exception {
        HostedGroups groups = HostedGroups.of(Map.of(10L, ALL, 20L, ALL, 30L, ALL));
        List<TestNode> nodes = List.of(node(config("c", 1), groups), node(config("c", 2), groups),
                node(config("c", 3), groups));
        connect(nodes);
        Map<String, List<RaftMessage>> expected = new TreeMap<>();
        for (TestNode node : nodes) {
            for (long group : List.of(10L, 20L, 30L)) {
                node.listen(group);
            }
        }
        long context = 0;
        for (TestNode from : nodes) {
            for (TestNode to : nodes) {
                if (from == to) {
                    continue;
                }
                for (long group : List.of(10L, 20L, 30L)) {
                    List<RaftMessage> messages = Messages.everyType(from.id(), to.id(), context);
                    context += messages.size();
                    messages.forEach(m -> from.transport.send(group, m));
                    expected.computeIfAbsent(to.id() + "/" + group, k -> new ArrayList<>()).addAll(messages);
                }
            }
        }

        for (TestNode to : nodes) {
            for (long group : List.of(10L, 20L, 30L)) {
                List<RaftMessage> want = expected.get(to.id() + "/" + group);
                Eventually.await("node " + to.id() + " group " + group + " receives " + want.size(),
                        WAIT, () -> to.inbox(group).size() >= want.size());
                assertThat(byContext(to.inbox(group))).usingRecursiveComparison().isEqualTo(byContext(want));
            }
        }
        for (TestNode node : nodes) {
            for (TestNode peer : nodes) {
                if (peer != node) {
                    PeerStats stats = node.transport.stats(peer.id());
                    assertThat(stats.sent()).isEqualTo(3L * RaftMessage.Type.values().length);
                    assertThat(stats.received()).isEqualTo(3L * RaftMessage.Type.values().length);
                    assertThat(stats.dropped()).isZero();
                    assertThat(stats.rejected()).isZero();
                }
            }
        }
    }

    @Test
    void rejectsWrongClusterUnknownGroupAndUnknownSenderWhileValidTrafficContinues() throws Exception {
        HostedGroups groups = HostedGroups.of(Map.of(1L, Set.of(1L, 2L), 2L, Set.of(1L, 2L)));
        TestNode receiver = node(config("prod", 2), groups);
        TestNode member = node(config("prod", 1), groups);
        TestNode outsider = node(config("prod", 3), groups);
        TestNode otherCluster = node(config("staging", 1), groups);
        receiver.listen(1);
        for (TestNode sender : List.of(member, outsider, otherCluster)) {
            sender.transport.setPeerAddress(2, receiver.address());
        }
        receiver.transport.setPeerAddress(1, member.address());
        receiver.transport.setPeerAddress(3, outsider.address());

        for (int i = 0; i < 50; i++) {
            member.transport.send(1, Messages.heartbeat(1, 2, i));
            member.transport.send(2, Messages.heartbeat(1, 2, i));
            outsider.transport.send(1, Messages.heartbeat(3, 2, i));
            otherCluster.transport.send(1, Messages.heartbeat(1, 2, i));
        }

        Eventually.await("all 200 envelopes routed", WAIT, () -> receiver.inbox(1).size()
                + receiver.transport.rejectedCount(Reason.UNKNOWN_GROUP)
                + receiver.transport.rejectedCount(Reason.UNKNOWN_SENDER)
                + receiver.transport.rejectedCount(Reason.WRONG_CLUSTER) >= 200);
        assertThat(receiver.inbox(1)).hasSize(50).allSatisfy(m -> assertThat(m.from()).isEqualTo(1));
        assertThat(receiver.transport.rejectedCount(Reason.UNKNOWN_GROUP)).isEqualTo(50);
        assertThat(receiver.transport.rejectedCount(Reason.UNKNOWN_SENDER)).isEqualTo(50);
        assertThat(receiver.transport.rejectedCount(Reason.WRONG_CLUSTER)).isEqualTo(50);
        assertThat(receiver.transport.stats(1).received()).isEqualTo(50);
        // Node 1 of the other cluster claims the same id as our node 1, so its rejections land there.
        assertThat(receiver.transport.stats(1).rejected()).isEqualTo(100);
        assertThat(receiver.transport.stats(3).rejected()).isEqualTo(50);
    }

    @Test
    void garbageAndOversizedMessagesOnTheStreamDoNotBreakTheServer() throws Exception {
        HostedGroups groups = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));
        int limit = 64 * 1024;
        TestNode receiver = node(config("c", 2).withMaxMessageBytes(limit), groups);
        TestNode sender = node(config("c", 1).withMaxMessageBytes(limit), groups);
        receiver.listen(1);
        sender.transport.setPeerAddress(2, receiver.address());
        ManagedChannel raw = NettyChannelBuilder.forTarget(receiver.address()).usePlaintext().build();
        started.add(() -> {
            raw.shutdownNow();
            raw.awaitTermination(5, TimeUnit.SECONDS);
        });

        RawStream parsableFrames = new RawStream(raw);
        parsableFrames.requests.onNext(PeerFrames.newBuilder().setFrom(7)
                .addEnvelopes(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff})).build()
                .toByteArray());
        Eventually.await("a malformed envelope is counted", WAIT,
                () -> receiver.transport.rejectedCount(Reason.MALFORMED) == 1);
        assertThat(receiver.transport.unattributedStats().rejected()).isEqualTo(1);
        parsableFrames.requests.onCompleted();
        assertThat(parsableFrames.result.get(5, TimeUnit.SECONDS)).isEqualTo(Status.Code.OK);

        RawStream unparsable = new RawStream(raw);
        unparsable.requests.onNext(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1});
        assertThat(unparsable.result.get(5, TimeUnit.SECONDS)).isNotEqualTo(Status.Code.OK);

        RawStream oversized = new RawStream(raw);
        oversized.requests.onNext(new byte[limit + 1]);
        assertThat(oversized.result.get(5, TimeUnit.SECONDS)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        RaftMessage tooLarge = Messages.append(1, 2, 5, limit);
        sender.transport.send(1, tooLarge);
        assertThat(sender.transport.stats(2).dropped()).isEqualTo(1);

        for (int i = 0; i < 20; i++) {
            sender.transport.send(1, Messages.append(1, 2, 5, 1000));
        }
        Eventually.await("valid traffic still arrives", WAIT, () -> receiver.inbox(1).size() == 20);
    }

    @Test
    void removedPeerGetsNothingAndANewAddressIsUsed() throws Exception {
        HostedGroups groups = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));
        TestNode first = node(config("c", 2), groups);
        TestNode second = node(config("c", 2), groups);
        TestNode sender = node(config("c", 1), groups);
        first.listen(1);
        second.listen(1);
        sender.transport.setPeerAddress(2, first.address());
        sender.transport.send(1, Messages.heartbeat(1, 2, 1));
        Eventually.await("first address receives", WAIT, () -> first.inbox(1).size() == 1);

        sender.transport.removePeer(2);
        sender.transport.send(1, Messages.heartbeat(1, 2, 2));
        assertThat(sender.transport.stats(2).dropped()).isEqualTo(1);
        assertThat(sender.transport.peerAddresses()).doesNotContainKey(2L);

        sender.transport.setPeerAddress(2, second.address());
        sender.transport.send(1, Messages.heartbeat(1, 2, 3));
        Eventually.await("new address receives", WAIT, () -> second.inbox(1).size() == 1);
        assertThat(second.inbox(1).peek().context()).isEqualTo(3);
        assertThat(first.inbox(1)).hasSize(1);
    }

    @Test
    void refusesWhatItCannotCarry() {
        TestNode node = node(config("c", 1), HostedGroups.of(Map.of()));
        assertThatThrownBy(() -> node.transport.send(1, Messages.heartbeat(2, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from node 2");
        assertThatThrownBy(() -> node.transport.send(1, Messages.heartbeat(1, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.transport.setPeerAddress(2, "no-port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
    }

    private static List<RaftMessage> byContext(Iterable<RaftMessage> messages) {
        List<RaftMessage> sorted = new ArrayList<>();
        messages.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(RaftMessage::context));
        return sorted;
    }

    /** A client of the peer stream that sends raw bytes, as a buggy or hostile peer might. */
    private static final class RawStream {

        private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        private static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
                .setFullMethodName(PeerServiceGrpc.getStreamMethod().getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();

        final CompletableFuture<Status.Code> result = new CompletableFuture<>();
        final StreamObserver<byte[]> requests;

        RawStream(ManagedChannel channel) {
            requests = ClientCalls.asyncClientStreamingCall(channel.newCall(METHOD, CallOptions.DEFAULT),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(byte[] ack) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            result.complete(Status.fromThrowable(t).getCode());
                        }

                        @Override
                        public void onCompleted() {
                            result.complete(Status.Code.OK);
                        }
                    });
        }
    }
}
