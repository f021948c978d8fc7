package io.synod.tools.local;

import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.MemberInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Waits and checks shared by the multi-process cluster tests. */
final class ClusterChecks {

    /** A restarted node's JVM start, storage recovery and catch-up; generous for loaded machines. */
    private static final int CATCH_UP_SECONDS = 90;

    private ClusterChecks() {
    }

    /**
     * For each key, the final read returns the value of a write that no acknowledged write to
     * that key strictly follows: the last acknowledged write (or a write racing it) survived.
     */
    static void assertNoAcknowledgedWriteLost(List<Operation> history) {
        Map<String, Operation> finalReads = new TreeMap<>();
        Map<String, Operation> writesByValue = new TreeMap<>();
        for (Operation op : history) {
            if (op.clientId() == -1) {
                finalReads.put(op.input().key(), op);
            } else if (op.input().kind() == KvInput.Kind.PUT) {
                writesByValue.put(op.input().value(), op);
            }
        }
        for (Operation read : finalReads.values()) {
            String key = read.input().key();
            List<Operation> acknowledged = history.stream()
                    .filter(op -> op.input().kind() == KvInput.Kind.PUT && op.input().key().equals(key)
                            && !op.isIndeterminate())
                    .toList();
            if (acknowledged.isEmpty()) {
                continue;
            }
            String value = read.output().value();
            assertThat(value).as("final value of " + key).isNotNull();
            Operation source = writesByValue.get(value);
            assertThat(source).as("write of " + value).isNotNull();
            for (Operation ack : acknowledged) {
                if (ack.callTime() > source.returnTime()) {
                    fail("write " + ack.input() + " was acknowledged after " + source.input()
                            + " returned, but the final read of " + key + " still sees " + value);
                }
            }
        }
    }

    /** The leader of the highest term, waiting up to 20 s for one. */
    static long awaitLeader(AdminClient admin) throws InterruptedException {
        return awaitLeaderOtherThan(admin, 0);
    }

    /** The leader of the highest term once that is not node {@code deposed}, waiting up to 20 s. */
    static long awaitLeaderOtherThan(AdminClient admin, long deposed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0) {
            Optional<MemberInfo> leader = statusOrEmpty(admin).stream()
                    .filter(m -> m.role().equals("LEADER")).max((a, b) -> Long.compare(a.term(), b.term()));
            if (leader.isPresent() && leader.get().nodeId() != deposed) {
                return leader.get().nodeId();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader other than node " + deposed + " within 20 s");
    }

    /** Waits until every node answers and has applied everything the leader committed. */
    static void awaitAllCaughtUp(AdminClient admin, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATCH_UP_SECONDS);
        List<MemberInfo> last = List.of();
        while (System.nanoTime() - deadline < 0) {
            last = statusOrEmpty(admin);
            Optional<MemberInfo> leader = last.stream().filter(m -> m.role().equals("LEADER")).findFirst();
            if (last.size() == nodes && leader.isPresent()
                    && last.stream().allMatch(m -> !m.role().equals("UNREACHABLE")
                            && m.appliedIndex() >= leader.get().commitIndex())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nodes did not catch up with the leader within " + CATCH_UP_SECONDS + " s: "
                + last);
    }

    /**
     * Waits until each of {@code nodes} answers and has applied everything any of them
     * committed; the other members (a faulty replica) are not waited for.
     */
    static void awaitCaughtUp(AdminClient admin, List<Long> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATCH_UP_SECONDS);
        List<MemberInfo> last = List.of();
        while (System.nanoTime() - deadline < 0) {
            last = statusOrEmpty(admin).stream().filter(m -> nodes.contains(m.nodeId())
                    && !m.role().equals("UNREACHABLE")).toList();
            long committed = last.stream().mapToLong(MemberInfo::commitIndex).max().orElse(Long.MAX_VALUE);
            if (last.size() == nodes.size() && last.stream().allMatch(m -> m.appliedIndex() >= committed)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nodes " + nodes + " did not catch up with each other within "
                + CATCH_UP_SECONDS + " s: " + last);
    }

    private static List<MemberInfo> statusOrEmpty(AdminClient admin) {
        try {
            return admin.status();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
