package io.synod.kv.sim;

import io.synod.kv.check.safety.Violation;
import io.synod.kv.consensus.api.ConfState;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one run produced.
 *
 * @param activeFaults       the faults actually injected (a swarm draws a subset)
 * @param commandsCommitted  distinct client commands applied by some replica
 * @param opsOk              client operations that completed with an answer
 * @param opsIndeterminate   client writes whose outcome is unknown (timed out)
 * @param linearizabilityNote set when the checker could not decide within its budget (not a failure)
 * @param traceDigest        a hash over every event in order: equal for equal seeds
 * @param finalMembers       the membership at the end (per the leader once converged, else the initial one)
 * @param wireMode           peer messages travelled as encoded envelopes through the codec and router
 * @param envelopesRejected  envelopes the codec or router refused (corrupted, unknown group or sender)
 * @param corruptionsUndetectable corrupted envelopes that decoded into a different valid message; not
 *                           delivered, since only TCP/TLS integrity protects those fields
 * @param replicasWiped      replicas whose storage was wiped (fault WIPE) and which restarted in repair mode
 */
public record SimResult(
        long seed,
        int nodes,
        Set<Fault> activeFaults,
        long commandsCommitted,
        long opsOk,
        long opsIndeterminate,
        List<Violation> violations,
        long messagesDelivered,
        long virtualTimeMicros,
        long traceDigest,
        String linearizabilityNote,
        ConfState finalMembers,
        boolean wireMode,
        long envelopesRejected,
        long corruptionsUndetectable,
        long replicasWiped) {

    public SimResult {
        activeFaults = Fault.sortedCopy(activeFaults);
        violations = List.copyOf(violations);
        Objects.requireNonNull(finalMembers, "finalMembers");
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The CLI command that replays this run. */
    public String reproduceCommand(String consensus) {
        return "./synod sim --consensus " + consensus + " --nodes " + nodes + " --seed " + seed + " --runs 1";
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("seed=%d nodes=%d faults=%s members=%s/%s%s%s committed=%d ok=%d indeterminate=%d "
                        + "delivered=%d virtual=%.3fs digest=%016x %s%s",
                seed, nodes, activeFaults, finalMembers.voters(), finalMembers.learners(),
                wireMode ? " wire(rejected=" + envelopesRejected + ", undetectable=" + corruptionsUndetectable + ")"
                        : "",
                replicasWiped > 0 ? " wiped=" + replicasWiped : "",
                commandsCommitted, opsOk, opsIndeterminate, messagesDelivered,
                virtualTimeMicros / 1e6, traceDigest, violations.isEmpty() ? "PASS" : "FAIL " + violations,
                linearizabilityNote.isEmpty() ? "" : " (" + linearizabilityNote + ")");
    }
}
