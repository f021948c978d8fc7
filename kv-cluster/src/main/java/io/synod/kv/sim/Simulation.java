package io.synod.kv.sim;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.check.safety.AcknowledgedWriteChecker;
import io.synod.kv.check.safety.LogMatchingChecker;
import io.synod.kv.check.safety.Violation;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.storage.mem.MemoryLogStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * One seeded, single-threaded run of a whole cluster in virtual time: a safety phase with faults,
 * then healing and a liveness phase in which the cluster must converge, then final reads of every
 * key, then every checker. Same seed, same run, same {@link SimResult#traceDigest()}. A
 * {@link #benchmark} run replaces the faults by a fixed setting and a closed-loop load, and times
 * the operations.
 */
public final class Simulation implements SimNode.Environment, SimClient.Environment {

    private static final long CONVERGENCE_POLL_MICROS = 20_000;
    private static final long FINAL_READ_BOUND_MICROS = 5_000_000;
    private static final long LINEARIZABILITY_STEP_BUDGET = 20_000_000;
    /** Nodes outside the group at start that the MEMBERSHIP activity may add. */
    private static final int SPARE_NODES = 2;

    private final SimConfig config;
    private final EventQueue events = new EventQueue();
    private final ClusterObserver observer;
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<SimClient> clients = new ArrayList<>();
    private final List<Operation> history = new ArrayList<>();
    private final List<AcknowledgedWriteChecker.Ack> acks = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final SimNetwork network;
    /** Client-replica links: the same network in correctness runs, an undisturbed one in benchmarks. */
    private final SimNetwork clientNetwork;
    private final FaultInjector faults;
    private final MembershipDriver membership;
    /** Set in wire mode: peer messages travel as encoded envelopes. */
    private final WireLink wire;
    private final int keys;
    private final Set<Long> faulty;
    private final long baseLatencyMicros;
    private final long jitterMicros;
    /** Set in benchmark runs. */
    private final SimBenchmark bench;
    private final LongStream.Builder benchLatencies = LongStream.builder();
    private long benchUnanswered;
    private int operationsLeft;
    private boolean converged;
    /** The group's members per the leader at convergence (the initial voters until then). */
    private ConfState finalMembers;
    private long nextOperationId;

    private Simulation(SimConfig requested, EngineFactory factory, SimBenchmark bench) {
        SimConfig supported = factory.changesMembership() ? requested : requested.without(Fault.MEMBERSHIP);
        this.config = factory.repairsStorage() ? supported : supported.without(Fault.WIPE);
        this.bench = bench;
        this.observer = new ClusterObserver(factory.entryIdentity());
        this.faulty = factory.faultyReplicas();
        SplittableRandom root = new SplittableRandom(config.seed());
        RunSetting setting = bench == null ? RunSetting.draw(root) : RunSetting.of(bench);
        baseLatencyMicros = setting.baseLatencyMicros();
        jitterMicros = setting.jitterMicros();
        keys = setting.keys();
        int nodeCount = config.nodes() + (config.faults().contains(Fault.MEMBERSHIP) ? SPARE_NODES : 0);
        network = new SimNetwork(nodeCount + config.clients(),
                SimNetwork.Conditions.calm(baseLatencyMicros, jitterMicros), root.split());
        clientNetwork = bench == null ? network : new SimNetwork(nodeCount + config.clients(),
                SimNetwork.Conditions.calm(bench.clientLatencyMicros(), 0), root.split());
        // Spares bootstrap with the initial members too, as every replica that joins later must.
        ConfState bootstrap = ConfState.ofVoters(LongStream.rangeClosed(1, config.nodes()).boxed().toList());
        finalMembers = bootstrap;
        for (long id = 1; id <= nodeCount; id++) {
            nodes.add(new SimNode(id, bootstrap, factory, root.split(), setting.diskLatency(),
                    setting.compactionThreshold(), setting.flowControl(), this));
        }
        // Spread each client's share of the operations over most of the safety phase.
        long meanThinkMicros = config.commands() == 0 || bench != null ? 0
                : config.safetyPhaseMicros() * config.clients() / config.commands() * 3 / 4;
        SimClient.Mix mix = bench == null ? SimClient.Mix.CORRECTNESS : SimClient.Mix.BENCHMARK;
        membership = new MembershipDriver(nodes, config.nodes(), root.split(), events);
        for (int c = 1; c <= config.clients(); c++) {
            clients.add(new SimClient(c, keys, config.clientTimeoutMicros(), meanThinkMicros, mix,
                    root.split(), this));
        }
        faults = new FaultInjector(config, root.split(), events, network, nodes);
        // A quarter of the correctness runs send every peer message through the real codec and router.
        wire = bench == null && root.nextInt(4) == 0
                ? new WireLink(nodeCount, nodeCount + config.clients() + 1L, root.split()) : null;
        observer.onElection(faults::onLeaderElected);
        SplittableRandom tickPhase = root.split();
        for (SimNode node : nodes) {
            scheduleTick(node, tickPhase.nextLong(config.tickMicros()));
        }
    }

    /** Runs one simulation; never throws for protocol bugs, which come back as violations. */
    public static SimResult run(SimConfig config, EngineFactory factory) {
        return new Simulation(config, factory, null).execute();
    }

    /** Runs {@code load} on {@code nodes} replicas, then checks the run as {@link #run} does. */
    public static SimBenchResult benchmark(long seed, int nodes, SimBenchmark load, EngineFactory factory) {
        Simulation simulation = new Simulation(load.config(seed, nodes), factory, load);
        SimResult result = simulation.execute();
        return new SimBenchResult(result, load.measureMicros(), simulation.benchLatencies.build().toArray(),
                simulation.benchUnanswered);
    }

    private SimResult execute() {
        try {
            runPhases();
        } catch (RuntimeException e) {
            // An engine assertion (or a runtime one provoked by a broken engine) ends the run as a finding.
            violations.add(new Violation(Violation.Kind.INVARIANT, e + " at " + (e.getStackTrace().length > 0
                    ? e.getStackTrace()[0] : "?") + " (virtual time " + events.nowMicros() + " us)"));
        }
        violations.addAll(observer.violations());
        checkLogsAndAcks();
        String note = checkLinearizability();
        long ok = history.stream().filter(o -> !o.isIndeterminate()).count();
        return new SimResult(config.seed(), config.nodes(), faults.active(), observer.commandsCommitted(), ok,
                history.size() - ok, violations, observer.messagesDelivered(), events.nowMicros(),
                observer.traceDigest(), note, finalMembers, wire != null,
                wire == null ? 0 : wire.rejected(), wire == null ? 0 : wire.undetectable(), observer.replicasWiped());
    }

    private void runPhases() {
        operationsLeft = config.commands();
        network.setConditions(bench != null ? bench.peerConditions()
                : faults.safetyConditions(baseLatencyMicros, jitterMicros));
        nodes.subList(0, config.nodes()).forEach(SimNode::start);
        clients.forEach(SimClient::start);
        long safetyEnd = config.safetyPhaseMicros();
        faults.schedule(safetyEnd);
        if (wire != null) {
            wire.setHostile(true);
        }
        if (faults.active().contains(Fault.MEMBERSHIP)) {
            membership.schedule(safetyEnd);
        }
        events.runUntil(safetyEnd);

        // Operations left in the budget run on the healed cluster, so the commands target is met.
        faults.heal();
        membership.heal();
        if (wire != null) {
            wire.setHostile(false);
        }
        network.setConditions(SimNetwork.Conditions.calm(baseLatencyMicros, jitterMicros));
        converged = awaitConvergence(safetyEnd + config.livenessBoundMicros());
        if (converged) {
            checkDigests();
            finalReads();
        }
    }

    private boolean awaitConvergence(long deadlineMicros) {
        while (events.nowMicros() < deadlineMicros) {
            events.runUntil(events.nowMicros() + CONVERGENCE_POLL_MICROS);
            if (converged()) {
                return true;
            }
        }
        List<String> states = nodes.stream().filter(SimNode::hasStarted).map(SimNode::describe).toList();
        violations.add(new Violation(Violation.Kind.LIVENESS, "no convergence within "
                + config.livenessBoundMicros() / 1000 + " ms after healing: " + String.join("; ", states)
                + (clients.stream().allMatch(SimClient::isIdle) ? "" : "; clients still busy")));
        return false;
    }

    /** Converged: a leader has committed its whole log and every member (by its log) applied it. */
    private boolean converged() {
        SimNode leader = SimNode.currentLeader(nodes);
        if (leader == null || !clients.stream().allMatch(SimClient::isIdle)) {
            return false;
        }
        EngineStatus status = leader.engine().status();
        if (status.commitIndex() != status.lastIndex()) {
            return false;
        }
        if (!members(status.confState()).allMatch(n -> n.isUp() && n.appliedIndex() == status.commitIndex())) {
            return false;
        }
        finalMembers = status.confState();
        return true;
    }

    /** The members that owe convergence: faulty (Byzantine) replicas promise nothing. */
    private Stream<SimNode> members(ConfState conf) {
        return nodes.stream().filter(n -> conf.isMember(n.id()) && !faulty.contains(n.id()));
    }

    private void checkDigests() {
        SimNode first = members(finalMembers).findFirst().orElseThrow();
        long reference = first.stateDigest();
        members(finalMembers).forEach(n -> {
            if (n.stateDigest() != reference) {
                violations.add(new Violation(Violation.Kind.STATE_DIVERGENCE, "node " + n.id() + " digest "
                        + Long.toHexString(n.stateDigest()) + " differs from node " + first.id() + "'s "
                        + Long.toHexString(reference) + " at applied index " + n.appliedIndex()));
            }
        });
    }

    /**
     * Reads every key once more, linearizably, so a lost write shows up in the history. One
     * client reads the few keys of a correctness run; a benchmark's many keys are shared out.
     */
    private void finalReads() {
        List<SimClient> readers = bench == null ? clients.subList(0, 1) : clients;
        for (int k = 0; k < keys; k++) {
            readers.get(k % readers.size()).script(KvInput.get("k" + k));
        }
        long deadline = events.nowMicros() + FINAL_READ_BOUND_MICROS;
        while (events.nowMicros() < deadline && !readers.stream().allMatch(SimClient::isIdle)) {
            events.runUntil(events.nowMicros() + CONVERGENCE_POLL_MICROS);
        }
        if (!readers.stream().allMatch(SimClient::isIdle)) {
            violations.add(new Violation(Violation.Kind.LIVENESS, "final reads did not finish in time"));
        }
    }

    /** ILLEGAL is a violation; UNKNOWN (budget exhausted) only a note. */
    private String checkLinearizability() {
        CheckResult result = LinearizabilityChecker.check(history, LINEARIZABILITY_STEP_BUDGET);
        switch (result.verdict()) {
            case ILLEGAL -> violations.add(new Violation(Violation.Kind.LINEARIZABILITY, result.toString()));
            case UNKNOWN -> {
                return "linearizability unknown: " + result;
            }
            case OK -> {
            }
        }
        return "";
    }

    private void checkLogsAndAcks() {
        Map<Long, MemoryLogStore> logs = new TreeMap<>();
        Map<Long, Long> applied = new TreeMap<>();
        for (SimNode n : nodes) {
            // Removed nodes keep their logs: those must still match the others as far as they go.
            logs.put(n.id(), n.disk().live());
            // Lagging replicas are a liveness finding, already reported; only check members once converged.
            if (converged && n.isUp() && finalMembers.isMember(n.id()) && !faulty.contains(n.id())) {
                applied.put(n.id(), n.appliedIndex());
            }
        }
        violations.addAll(LogMatchingChecker.check(logs, observer.appliedEntries().identity()));
        violations.addAll(AcknowledgedWriteChecker.check(acks, applied, observer.appliedEntries()));
    }

    private void scheduleTick(SimNode node, long atMicros) {
        events.at(atMicros, () -> {
            node.tick();
            scheduleTick(node, atMicros + config.tickMicros());
        });
    }

    // --- SimNode.Environment and SimClient.Environment ---

    @Override
    public void sendPeer(EngineMessage message) {
        long to = message.to();
        if (to < 1 || to > nodes.size()) {
            return;
        }
        SimNode target = nodes.get((int) to - 1);
        long[] times = network.deliveryTimes((int) message.from(), (int) to, events.nowMicros());
        if (wire != null) {
            for (long t : times) {
                byte[] envelope = wire.send(message);
                events.at(t, () -> wire.receive((int) to, envelope, message).ifPresent(target::receive));
            }
            wire.inject(this::currentTerm).ifPresent(injected -> events.at(times.length > 0 ? times[0]
                    : events.nowMicros() + baseLatencyMicros, () -> wire.receive(injected.to(), injected.bytes(), null)
                    .ifPresent(nodes.get(injected.to() - 1)::receive)));
            return;
        }
        for (long t : times) {
            events.at(t, () -> target.receive(message));
        }
    }

    private long currentTerm(long nodeId) {
        SimNode n = nodes.get((int) nodeId - 1);
        return n.isUp() ? n.engine().status().term() : 0;
    }

    @Override
    public void replyToClient(long fromNode, ClientRequest request, ClientReply reply) {
        SimClient client = clients.get(request.clientId() - 1);
        int endpoint = nodes.size() + request.clientId();
        for (long t : clientNetwork.deliveryTimes((int) fromNode, endpoint, events.nowMicros())) {
            events.at(t, () -> client.onReply(reply));
        }
    }

    @Override
    public void send(long nodeId, ClientRequest request) {
        SimNode target = nodes.get((int) nodeId - 1);
        int endpoint = nodes.size() + request.clientId();
        for (long t : clientNetwork.deliveryTimes(endpoint, (int) nodeId, events.nowMicros())) {
            events.at(t, () -> target.onClientRequest(request));
        }
    }

    @Override
    public List<Long> contactableNodes() {
        return membership.contactable();
    }

    @Override
    public void afterMicros(long delayMicros, EventQueue.Action action) {
        events.after(delayMicros, action);
    }

    @Override
    public long nowMicros() {
        return events.nowMicros();
    }

    @Override
    public ClusterObserver observer() {
        return observer;
    }

    @Override
    public boolean claimOperation() {
        if (bench != null) {
            return events.nowMicros() < bench.endMicros();
        }
        if (operationsLeft <= 0) {
            return false;
        }
        operationsLeft--;
        return true;
    }

    @Override
    public long nextOperationId() {
        return ++nextOperationId;
    }

    @Override
    public void record(Operation operation) {
        history.add(operation);
        if (bench != null) {
            timeForBenchmark(operation);
        }
        observer.clientEvent(operation.clientId(), operation.id(), operation.isIndeterminate() ? -1 : operation.returnTime());
    }

    private void timeForBenchmark(Operation operation) {
        if (operation.isIndeterminate()) {
            if (operation.callTime() >= bench.warmupMicros() && operation.callTime() < bench.endMicros()) {
                benchUnanswered++;
            }
        } else if (operation.returnTime() >= bench.warmupMicros() && operation.returnTime() < bench.endMicros()) {
            benchLatencies.add(operation.returnTime() - operation.callTime());
        }
    }

    @Override
    public void acknowledged(AcknowledgedWriteChecker.Ack ack) {
        acks.add(ack);
    }
}
