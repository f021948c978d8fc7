package io.synod.kv.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsensusProtocolTest {

    @Test
    void crashTolerantProtocolsNeedTwoFPlusOneReplicasAndByzantineOnesThreeFPlusOne() {
        assertThat(ConsensusProtocol.RAFT.replicasToTolerate(1)).isEqualTo(3);
        assertThat(ConsensusProtocol.MULTIPAXOS.replicasToTolerate(2)).isEqualTo(5);
        assertThat(ConsensusProtocol.PBFT.replicasToTolerate(1)).isEqualTo(4);
        assertThat(ConsensusProtocol.PBFT.replicasToTolerate(2)).isEqualTo(7);
    }

    @Test
    void onlyTheByzantineProtocolNeedsKeys() {
        assertThat(ConsensusProtocol.PBFT.needsKeys()).isTrue();
        assertThat(ConsensusProtocol.RAFT.needsKeys()).isFalse();
        assertThatThrownBy(() -> EngineFactory.forProtocol(ConsensusProtocol.PBFT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys");
    }

    @Test
    void namesAreTheConfigurationNamesAndAnUnknownOneListsThem() {
        assertThat(ConsensusProtocol.names()).containsExactly("raft", "multipaxos", "pbft");
        assertThat(ConsensusProtocol.named("multipaxos")).isEqualTo(ConsensusProtocol.MULTIPAXOS);
        assertThatThrownBy(() -> ConsensusProtocol.named("paxos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown consensus protocol 'paxos' (supported: raft, multipaxos, pbft)");
    }
}
