package io.synod.kv.transport;

import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.transport.RouteResult.Reason;
import io.synod.kv.transport.codec.PeerCodec;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerRouterTest {

    private final PeerCodec codec = new PeerCodec();
    private final PeerRouter router = new PeerRouter(2, "prod",
            HostedGroups.of(Map.of(1L, Set.of(1L, 2L, 3L), 7L, Set.of(2L, 4L, 5L))));

    private byte[] envelope(String cluster, long group, long from, long to) {
        return codec.encode(cluster, group, RaftMessage.of(RaftMessage.Type.HEARTBEAT, from, to, 3).withCommit(4));
    }

    @Test
    void deliversToHostedGroupFromMember() {
        RouteResult result = router.route(envelope("prod", 7, 4, 2));
        assertThat(result).isInstanceOfSatisfying(RouteResult.Delivered.class, d -> {
            assertThat(d.groupId()).isEqualTo(7);
            assertThat(d.message().from()).isEqualTo(4);
            assertThat(((RaftMessage) d.message()).commit()).isEqualTo(4);
        });
        assertThat(router.deliveredCount()).isEqualTo(1);
    }

    @Test
    void rejectsWithTheFirstReasonThatApplies() {
        assertRejected(new byte[] {(byte) 0xff, 1}, Reason.MALFORMED, "unparsable envelope");
        assertRejected(envelope("staging", 1, 1, 2), Reason.WRONG_CLUSTER, "cluster \"staging\"");
        assertRejected(envelope("prod", 1, 1, 3), Reason.WRONG_DESTINATION, "for node 3 arrived at node 2");
        assertRejected(envelope("prod", 9, 1, 2), Reason.UNKNOWN_GROUP, "no replica of group 9");
        assertRejected(envelope("prod", 7, 1, 2), Reason.UNKNOWN_SENDER, "node 1 is not a member of group 7");
        assertRejected(envelope("staging", 9, 1, 3), Reason.WRONG_CLUSTER, "staging");
    }

    @Test
    void countsEachReason() {
        router.route(envelope("prod", 1, 1, 2));
        router.route(envelope("prod", 9, 1, 2));
        router.route(envelope("prod", 9, 3, 2));
        router.route(new byte[] {(byte) 0xff});
        assertThat(router.deliveredCount()).isEqualTo(1);
        assertThat(router.rejectedCount(Reason.UNKNOWN_GROUP)).isEqualTo(2);
        assertThat(router.rejectedCount(Reason.MALFORMED)).isEqualTo(1);
        assertThat(router.rejectedCount(Reason.UNKNOWN_SENDER)).isZero();
    }

    @Test
    void registryMayChangeBetweenEnvelopes() {
        Map<Long, Set<Long>> members = new TreeMap<>(Map.of(1L, Set.of(1L, 2L)));
        PeerRouter dynamic = new PeerRouter(2, "prod", group -> Optional.ofNullable(members.get(group)));
        assertThat(dynamic.route(envelope("prod", 1, 3, 2))).isInstanceOf(RouteResult.Rejected.class);
        members.put(1L, Set.of(1L, 2L, 3L));
        assertThat(dynamic.route(envelope("prod", 1, 3, 2))).isInstanceOf(RouteResult.Delivered.class);
    }

    @Test
    void rejectsANonPositiveLocalNodeId() {
        assertThatThrownBy(() -> new PeerRouter(0, "prod", HostedGroups.of(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(byte[] envelope, Reason reason, String detail) {
        assertThat(router.route(envelope)).isInstanceOfSatisfying(RouteResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.detail()).contains(detail);
        });
    }
}
