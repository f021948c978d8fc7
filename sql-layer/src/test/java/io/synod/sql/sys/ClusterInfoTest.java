package io.synod.sql.sys;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusterInfoTest {

    @Test
    void recentLogKeepsTheNewestEntriesNewestFirst() {
        InMemoryClusterInfo info = new InMemoryClusterInfo(3);
        for (long i = 1; i <= 5; i++) {
            info.appendLog(new LogEntryInfo(0, i, 1, "TXN", 10, Instant.EPOCH));
        }
        assertThat(info.recentLog(10)).extracting(LogEntryInfo::index).containsExactly(5L, 4L, 3L);
        assertThat(info.recentLog(2)).extracting(LogEntryInfo::index).containsExactly(5L, 4L);
    }

    @Test
    void singleNodeDescribesOneLeader() {
        InMemoryClusterInfo info = InMemoryClusterInfo.singleNode("h:1");
        assertThat(info.nodes()).containsExactly(new NodeInfo(1, "h:1", true));
        assertThat(info.replicas()).extracting(ReplicaInfo::role).containsExactly("LEADER");
        assertThat(info.groups()).extracting(GroupInfo::leaderId).containsExactly(1L);
        info.putReplica(new ReplicaInfo(0, 1, "FOLLOWER", 2, 0, 0, 0, 0));
        assertThat(info.replicas()).extracting(ReplicaInfo::role).containsExactly("FOLLOWER");
    }

    @Test
    void latencyPercentilesByNearestRankOverTheWindow() {
        LatencyWindow w = new LatencyWindow(100);
        assertThat(w.percentile(0.5)).isNaN();
        for (int i = 1; i <= 150; i++) {
            w.add(i);
        }
        assertThat(w.size()).isEqualTo(100);
        assertThat(w.percentile(0.5)).isCloseTo(100.0, within(0.0));
        assertThat(w.percentile(0.99)).isCloseTo(149.0, within(0.0));
        assertThat(w.percentile(1.0)).isCloseTo(150.0, within(0.0));
    }
}
