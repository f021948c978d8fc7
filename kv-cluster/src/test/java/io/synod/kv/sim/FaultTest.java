package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTest {

    @Test
    void parsesNamesAllAndNone() {
        assertThat(Fault.parseList("all")).isEqualTo(EnumSet.allOf(Fault.class));
        assertThat(Fault.parseList("none")).isEmpty();
        assertThat(Fault.parseList("crash, lose-unsynced,DROP")).containsExactlyInAnyOrder(
                Fault.CRASH, Fault.LOSE_UNSYNCED, Fault.DROP);
    }

    @Test
    void rejectsUnknownNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> Fault.parseList("crash,meteor"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meteor")
                .hasMessageContaining("partition");
    }
}
