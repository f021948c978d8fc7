package io.synod.kv.runtime;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipHistoryTest {

    @Test
    void answersTheMembershipInForceAtEachAppliedIndex() {
        MembershipHistory history = new MembershipHistory(10, ConfState.ofVoters(List.of(1L, 2L, 3L)));
        history.apply(15, new ConfChange(ConfChange.Type.ADD_LEARNER, 4));
        history.apply(20, new ConfChange(ConfChange.Type.PROMOTE_LEARNER, 4));

        assertThat(history.at(14).voters()).containsExactly(1L, 2L, 3L);
        assertThat(history.at(17).learners()).containsExactly(4L);
        assertThat(history.at(20).voters()).containsExactly(1L, 2L, 3L, 4L);

        history.compactedThrough(17);
        assertThat(history.at(17).learners()).containsExactly(4L);
        assertThat(history.current().voters()).containsExactly(1L, 2L, 3L, 4L);
    }
}
