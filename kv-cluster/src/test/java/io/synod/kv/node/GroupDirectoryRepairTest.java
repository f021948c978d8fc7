package io.synod.kv.node;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.storage.lmdb.LmdbOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacing a group directory's stores for a repair, also when a crash interrupts it. */
class GroupDirectoryRepairTest {

    private static final ConfState MEMBERS = ConfState.ofVoters(List.of(1L, 2L, 3L));

    @TempDir
    Path root;

    private GroupDirectory open(Path dir, StateStoreKind kind) {
        return GroupDirectory.open(dir, MEMBERS, LmdbOptions.defaults().withMapSizeBytes(16L << 20).withNodeId(2),
                kind, 16L << 20);
    }

    private static void fill(GroupDirectory group) {
        group.logStore().append(List.of(LogEntry.normal(1, 4, new byte[] {1}), LogEntry.normal(2, 4, new byte[] {2})));
        group.logStore().setHardState(new HardState(4, 1, 2));
        group.logStore().sync();
    }

    @Test
    void replacedStoresAreEmptyKeepTermAndVoteAndSurviveARestart() {
        for (StateStoreKind kind : StateStoreKind.values()) {
            Path dir = root.resolve(kind.name());
            GroupDirectory group = open(dir, kind);
            fill(group);

            group.replaceForRepair(4, 1, new RepairFloor(2, 4));
            assertThat(group.logStore().lastIndex()).isZero();
            assertThat(group.logStore().hardState()).isEqualTo(new HardState(4, 1, 0));
            assertThat(group.logStore().repairFloor()).isEqualTo(new RepairFloor(2, 4));
            assertThat(group.stateMachine().appliedIndex()).isZero();
            group.close();

            GroupDirectory reopened = open(dir, kind);
            assertThat(reopened.logStore().repairFloor()).as("%s: the floor is durable", kind)
                    .isEqualTo(new RepairFloor(2, 4));
            assertThat(reopened.logStore().hardState()).isEqualTo(new HardState(4, 1, 0));
            reopened.close();
            assertThat(root.resolve(kind.name() + GroupDirectory.DAMAGED_COPY_SUFFIX).resolve("data.mdb")).exists();
        }
    }

    @Test
    void aRepairInterruptedByACrashIsCompletedAtTheNextOpen() {
        Path dir = root.resolve("group");
        GroupDirectory group = open(dir, StateStoreKind.LMDB);
        fill(group);
        group.close();
        // The node died right after recording what the repair must keep, before wiping anything.
        new RepairIntent(4, 1, new RepairFloor(2, 4)).write(dir);

        GroupDirectory reopened = open(dir, StateStoreKind.LMDB);
        assertThat(reopened.logStore().lastIndex()).isZero();
        assertThat(reopened.logStore().hardState()).isEqualTo(new HardState(4, 1, 0));
        assertThat(reopened.logStore().repairFloor()).isEqualTo(new RepairFloor(2, 4));
        assertThat(dir.resolve(RepairIntent.FILE)).doesNotExist();
        reopened.close();
    }
}
