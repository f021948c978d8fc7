package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.api.SoftState;
import io.synod.kv.consensus.pbft.Batch.VoteKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import static io.synod.kv.consensus.pbft.PbftMessageType.CATCH_UP;
import static io.synod.kv.consensus.pbft.PbftMessageType.CHECKPOINT;
import static io.synod.kv.consensus.pbft.PbftMessageType.CHECKPOINT_CERT;
import static io.synod.kv.consensus.pbft.PbftMessageType.COMMIT;
import static io.synod.kv.consensus.pbft.PbftMessageType.FAST_COMMIT;
import static io.synod.kv.consensus.pbft.PbftMessageType.FETCH_STATE;
import static io.synod.kv.consensus.pbft.PbftMessageType.NEW_VIEW;
import static io.synod.kv.consensus.pbft.PbftMessageType.PREPARE;
import static io.synod.kv.consensus.pbft.PbftMessageType.PRE_PREPARE;
import static io.synod.kv.consensus.pbft.PbftMessageType.READ_ACK;
import static io.synod.kv.consensus.pbft.PbftMessageType.READ_PROBE;
import static io.synod.kv.consensus.pbft.PbftMessageType.REQUEST;
import static io.synod.kv.consensus.pbft.PbftMessageType.STATE_CHUNK;
import static io.synod.kv.consensus.pbft.PbftMessageType.STATUS;
import static io.synod.kv.consensus.pbft.PbftMessageType.VIEW_CHANGE;

/**
 * PBFT (Castro and Liskov, with signatures) as a pure state machine, driven like the Raft and
 * Multi-Paxos engines. n = 3f+1 replicas; the primary of view v is the (v mod n)-th voter.
 *
 * <p>Normal case: commands proposed at the primary (backups forward them as REQUESTs) are
 * batched, one PRE_PREPARE per batch of consecutive sequence numbers. A backup accepts a batch
 * in its view within the water marks that overlaps no other batch of the view, persists it and
 * broadcasts PREPARE; with 2f+1 matching PREPAREs it is prepared and broadcasts COMMIT; with 2f+1
 * matching COMMITs it is committed. Batches execute in sequence order. The optimistic fast path:
 * the primary collects PREPAREs and, once every replica's arrived, sends them as one FAST_COMMIT
 * certificate; PREPAREs from all n replicas commit a batch without the COMMIT phase.
 *
 * <p>Checkpoints: the runtime snapshots its state machine every K sequence numbers (see
 * {@link #checkpointInterval()}); the engine digests that snapshot and broadcasts a signed
 * CHECKPOINT. 2f+1 matching ones make it stable: the low water mark moves up and votes,
 * certificates and batches below it are dropped. A replica that learns of a stable checkpoint
 * above what it executed fetches the state from peers and installs it only if its digest is the
 * certified one. So does a replica whose own digest at a stable checkpoint is not the certified
 * one (its state diverged): it re-executes what follows on the certified state.
 *
 * <p>View change: a backup that waits too long for known work (a forwarded request, an
 * uncommitted batch) or sees the primary equivocate broadcasts VIEW_CHANGE for the next view;
 * f+1 view changes for higher views make a replica join the lowest of them. The new primary
 * collects 2f+1 and broadcasts NEW_VIEW with them as proof and the batch {@link ViewChanges}
 * computes from them; backups recompute it and reject anything else.
 *
 * <p>Reads: a read-only probe answered by 2f+1 replicas gives a read index (the highest
 * sequence number any of them accepted); if this replica has not accepted that far, or the probe
 * times out, the read is ordered as a no-op barrier instead.
 *
 * <p>Persistence contract: the view is the hard state's term (vote 1 while the view is active),
 * accepted batches are log entries whose term is the view they were accepted in; PREPAREs and
 * COMMITs leave only after the batch is persisted. The stable checkpoint certificate and the
 * prepared certificates are the engine state ({@link Ready#engineState()}), persisted before the
 * COMMIT or VIEW_CHANGE that relies on them leaves, and read back on restart.
 *
 * <p>Not supported: membership changes and leadership transfer (INVALID), repaired storage.
 */
public final class PbftEngine implements ConsensusEngine<PbftMessage> {

    private static final byte[] NO_DIGEST = new byte[0];
    private static final String BARRIER_PREFIX = "pbft-read-barrier:";
    /** Catch-up batches sent per status message. */
    private static final int CATCH_UP_BURST = 8;
    /** Forwarded requests re-sent per status round. */
    private static final int RESEND_BURST = 32;
    /** The new-view timeout doubles per failed view change up to this many times. */
    private static final int MAX_DOUBLINGS = 10;

    private final EngineConfig config;
    private final long id;
    private final PbftOptions options;
    private final PbftQuorum quorum;
    private final PbftAuthenticator auth;
    private final PbftCertificates certs;
    private final ViewChanges viewChanges;
    private final ConfState conf;
    private final LogView stable;

    private long view;
    private boolean active;
    private long commit;
    private long applied;
    /** Highest sequence number this replica accepted in its current view (or that view's NEW_VIEW covers). */
    private long acceptedIndex;
    private long lastIndex;
    private final TreeMap<Long, LogEntry> log = new TreeMap<>();
    /** The log from here up is to be written (again): the runtime drops its stored suffix from the first entry given. */
    private long unstableFrom = Long.MAX_VALUE;
    private Snapshot pendingSnapshot;

    private long lowWater;
    private byte[] lowWaterDigest = NO_DIGEST;
    private List<PbftMessage> lowWaterProof = List.of();
    private final TreeMap<Long, Map<Long, PbftMessage>> checkpointVotes = new TreeMap<>();
    private long lastDigestedSnapshot;
    /** This replica's CHECKPOINT for its latest snapshot, repeated until that checkpoint is stable. */
    private PbftMessage myCheckpoint;
    /** The digests this replica computed at checkpoints not yet stable, to compare with the certified ones. */
    private final TreeMap<Long, byte[]> myDigests = new TreeMap<>();
    /** Its own state at a stable checkpoint was not the certified one: it executes nothing until it installed that. */
    private boolean stateDiverged;
    private long stateRepairs;

    private final TreeMap<Long, Batch> batches = new TreeMap<>();
    private final Map<VoteKey, Map<Long, PbftMessage>> prepares = new HashMap<>();
    private final Map<VoteKey, Map<Long, PbftMessage>> commits = new HashMap<>();
    private final TreeMap<Long, PbftMessage> preparedCerts = new TreeMap<>();
    private final TreeMap<Long, PbftMessage> commitCerts = new TreeMap<>();
    /** The stable checkpoint or a prepared certificate changed: persist them (engine state) before voting on. */
    private boolean certificatesChanged;

    private final TreeMap<Long, Map<Long, PbftMessage>> viewChangeMessages = new TreeMap<>();
    private PbftMessage myViewChange;
    private PbftMessage latestNewView;

    /** Primary: the next sequence number and the batch being filled. */
    private long nextSeq;
    private final List<LogEntry> openBatch = new ArrayList<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Commands this replica accepted and has not seen executed: digest to (type, data). */
    private final LinkedHashMap<String, LogEntry> pendingRequests = new LinkedHashMap<>();

    private int viewTimer;
    private int viewChangeAttempts;
    private int statusElapsed;

    private final StateFetch fetch;
    private final Map<Long, ReadProbe> reads = new LinkedHashMap<>();
    private final Map<String, Long> readBarriers = new HashMap<>();
    private long barrierCounter;

    private final List<PbftMessage> messages = new ArrayList<>();
    private final List<PbftMessage> messagesAfterPersist = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState lastHardState;
    private SoftState lastSoftState;
    private Ready<PbftMessage> outstanding;

    public PbftEngine(EngineConfig config, PbftAuthenticator auth) {
        this(config, auth, PbftOptions.defaults(config.electionTicks()), PbftDefect.NONE);
    }

    public PbftEngine(EngineConfig config, PbftAuthenticator auth, PbftOptions options) {
        this(config, auth, options, PbftDefect.NONE);
    }

    private PbftEngine(EngineConfig config, PbftAuthenticator auth, PbftOptions options, PbftDefect defect) {
        this.config = config;
        this.id = config.id();
        this.options = options;
        this.auth = auth;
        this.stable = config.log();
        this.conf = stable.snapshotMeta().confState();
        if (!conf.learners().isEmpty()) {
            throw new IllegalArgumentException("PBFT has no learners");
        }
        this.quorum = PbftQuorum.of(conf.voters());
        if (!quorum.contains(id)) {
            throw new IllegalArgumentException("node " + id + " is not a PBFT replica of " + conf.voters());
        }
        if (!config.repairFloor().equals(io.synod.kv.consensus.api.RepairFloor.NONE)) {
            throw new IllegalArgumentException("PBFT cannot rejoin a replica whose storage was repaired");
        }
        this.certs = new PbftCertificates(quorum, auth, defect);
        this.viewChanges = new ViewChanges(quorum, certs, options.window());
        this.fetch = new StateFetch(quorum, id);
        HardState hs = stable.hardState();
        this.lastHardState = hs;
        this.view = hs.term();
        this.active = hs.term() == 0 || hs.vote() == 1;
        this.commit = Math.max(hs.commit(), stable.snapshotMeta().index());
        this.applied = config.appliedIndex();
        this.lastIndex = stable.lastIndex();
        if (lastIndex >= stable.firstIndex()) {
            for (LogEntry e : stable.entries(stable.firstIndex(), lastIndex + 1, Long.MAX_VALUE)) {
                log.put(e.index(), e);
            }
        }
        this.acceptedIndex = lastIndex;
        this.nextSeq = lastIndex + 1;
        this.lastSoftState = new SoftState(0, Role.FOLLOWER);
        restoreCertificates();
        observeSnapshot();
        if (active && isPrimary() && (view > 0 || lastIndex > commit)) {
            // A restarted primary forgot which sequence numbers it assigned (its NEW_VIEW's batch may
            // not have reached its log): hand the view on rather than risk assigning one twice.
            startViewChange(view + 1);
        }
    }

    /** The certificates persisted before this restart: what a view change may need this replica to prove. */
    private void restoreCertificates() {
        for (PbftMessage cert : PbftDurableState.decode(stable.engineState())) {
            if (cert.type() == CHECKPOINT_CERT && certs.checkpoint(cert.seq(), cert.digest(), cert.proof())) {
                stabilize(cert.seq(), cert.digest(), cert.proof());
            } else if (cert.type() == PRE_PREPARE && cert.seqHi() > lowWater && certs.prepared(cert)) {
                preparedCerts.put(cert.seq(), cert);
            }
        }
    }

    private List<PbftMessage> durableCertificates() {
        List<PbftMessage> out = new ArrayList<>();
        if (lowWater > 0) {
            out.add(PbftMessage.of(CHECKPOINT_CERT, id, 0, view).withSeq(lowWater, 0).withDigest(lowWaterDigest)
                    .withProof(lowWaterProof));
        }
        out.addAll(preparedCerts.values());
        return out;
    }

    /** For checker self-tests only: an engine with one deliberate protocol bug. Never use in a real node. */
    public static PbftEngine withDefect(EngineConfig config, PbftAuthenticator auth, PbftOptions options,
                                        PbftDefect defect) {
        return new PbftEngine(config, auth, options, defect);
    }

    @Override
    public long id() {
        return id;
    }

    /** The runtime snapshots its state machine at multiples of this, and only there. */
    @Override
    public int checkpointInterval() {
        return options.checkpointInterval();
    }

    /**
     * The log is kept down to the last stable checkpoint: view changes may need its requests. A
     * replica whose state diverged keeps its log as it is: its own state there is not the certified one.
     */
    @Override
    public long compactableIndex() {
        return stateDiverged ? stable.snapshotMeta().index() : lowWater;
    }

    /**
     * A view change reports requests above the sender's stable checkpoint; a replica restarted
     * from a snapshot above the checkpoint it can prove no longer holds those, so it waits for a
     * certificate (peers send theirs, or replicas vote again) before it takes part.
     */
    private boolean canReportViewChange() {
        return lowWater >= stable.snapshotMeta().index();
    }

    private boolean isPrimary() {
        return quorum.primary(view) == id;
    }

    /** Primary of an active view whose new-view batch is in its log: it may order new requests. */
    private boolean leading() {
        return active && isPrimary() && !fetch.active() && lastIndex >= acceptedIndex && commit >= lowWater;
    }

    // ---------------------------------------------------------------- ticks and timers

    @Override
    public void tick() {
        if (++statusElapsed >= options.statusTicks()) {
            statusElapsed = 0;
            broadcastStatus();
            retransmit();
        }
        fetch.tick().ifPresent(this::send);
        tickReads();
        if (!active) {
            // As in PBFT, the new-view timer runs only once 2f+1 replicas want this view (or a later one:
            // they gave up on it already), and doubles per failed view: a replica cut off alone keeps
            // asking for one view instead of racing ahead.
            if (!quorumWantsThisViewOrLater()) {
                viewTimer = 0;
            } else if (++viewTimer >= (long) options.viewChangeTicks() << Math.min(viewChangeAttempts, MAX_DOUBLINGS)) {
                viewChangeAttempts++;
                startViewChange(view + 1);
            }
        } else if (!isPrimary() && hasWaitingWork()) {
            if (++viewTimer >= options.viewChangeTicks()) {
                startViewChange(view + 1);
            }
        } else {
            viewTimer = 0;
        }
    }

    private boolean quorumWantsThisViewOrLater() {
        Set<Long> senders = new HashSet<>();
        viewChangeMessages.tailMap(view, true).values().forEach(forView -> senders.addAll(forView.keySet()));
        return senders.size() >= quorum.quorum();
    }

    private boolean hasWaitingWork() {
        return !pendingRequests.isEmpty() || batches.values().stream().anyMatch(b -> !b.committed) || fetch.active();
    }

    private void broadcastStatus() {
        broadcast(signed(status(0)), false);
    }

    private PbftMessage status(long to) {
        return PbftMessage.of(STATUS, id, to, view).withSeq(commit, lowWater)
                .withData(NO_DIGEST, active ? 1 : 0, acceptedIndex);
    }

    /** Lost messages: the primary repeats its pre-prepares, everyone their votes, for batches not committed. */
    private void retransmit() {
        if (myCheckpoint != null && myCheckpoint.seq() > lowWater) {
            broadcast(myCheckpoint, false);
        }
        if (!active) {
            if (myViewChange != null) {
                broadcast(myViewChange, false);
            } else {
                sendViewChange();
            }
            return;
        }
        for (Batch b : batches.values()) {
            if (b.committed) {
                continue;
            }
            if (isPrimary() && b.carrier != null && b.carrier.type() == PRE_PREPARE) {
                broadcast(b.carrier, false);
            }
            if (b.myPrepare != null) {
                broadcast(b.myPrepare, false);
            }
            if (b.myCommit != null) {
                broadcast(b.myCommit, false);
            }
        }
        if (leading()) {
            List.copyOf(pendingRequests.values()).forEach(this::order);
        } else {
            int sent = 0;
            for (LogEntry request : pendingRequests.values()) {
                if (sent++ >= RESEND_BURST) {
                    break;
                }
                broadcast(signed(PbftMessage.of(REQUEST, id, 0, view).withData(request.data(),
                        request.type().ordinal(), 0)), false);
            }
        }
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public void step(PbftMessage m) {
        if (m == null || m.from() == id || !quorum.contains(m.from()) || (m.to() != id && m.to() != 0)) {
            return;
        }
        // Certificates, state (checked against a certified digest) and fetches need no signature of their own.
        boolean selfProving = m.type() == STATE_CHUNK || m.type() == CATCH_UP || m.type() == CHECKPOINT_CERT
                || m.type() == FETCH_STATE;
        if (settled(m) || !selfProving && !certs.signedByMember(m)) {
            return;
        }
        switch (m.type()) {
            case REQUEST -> handleRequest(m);
            case PRE_PREPARE -> handlePrePrepare(m);
            case PREPARE, FAST_COMMIT -> handlePrepares(m);
            case COMMIT -> handleCommit(m);
            case CHECKPOINT -> handleCheckpoint(m);
            case CHECKPOINT_CERT -> {
                if (certs.checkpoint(m.seq(), m.digest(), m.proof())) {
                    stabilize(m.seq(), m.digest(), m.proof());
                }
            }
            case VIEW_CHANGE -> handleViewChange(m);
            case NEW_VIEW -> handleNewView(m);
            case STATUS -> handleStatus(m);
            case CATCH_UP -> handleCatchUp(m);
            case FETCH_STATE -> serveState(m);
            case STATE_CHUNK -> handleStateChunk(m);
            case READ_PROBE -> send(signed(PbftMessage.of(READ_ACK, id, m.from(), view)
                    .withSeq(m.seq(), readIndex())));
            case READ_ACK -> handleReadAck(m);
        }
    }

    /**
     * A vote that can change nothing here any more, dropped before its signature is checked (most
     * of what a vote costs), as its handler would ignore it after: a PREPARE, COMMIT or FAST_COMMIT
     * of another view or below the stable checkpoint, or for a batch this replica committed (the
     * primary still counts PREPAREs towards a fast certificate it has not sent); a CHECKPOINT at or
     * below the stable checkpoint.
     */
    private boolean settled(PbftMessage m) {
        return switch (m.type()) {
            case PREPARE, COMMIT, FAST_COMMIT -> {
                if (m.view() != view || m.seqHi() <= lowWater) {
                    yield true;
                }
                Batch b = batches.get(m.seq());
                boolean committedHere = b != null && b.committed && b.hi == m.seqHi()
                        && Arrays.equals(b.digest, m.digest());
                yield committedHere && (m.type() != PREPARE || !isPrimary() || b.fastCertificateSent
                        || !options.fastPath());
            }
            case CHECKPOINT -> m.seq() <= lowWater;
            default -> false;
        };
    }

    @Override
    public ProposeResult propose(byte[] command) {
        if (command == null || command.length == 0) {
            return ProposeResult.invalid();
        }
        return submit(new LogEntry(1, 0, EntryType.NORMAL, command.clone()));
    }

    private ProposeResult submit(LogEntry request) {
        if (leading()) {
            return order(request);
        }
        pendingRequests.put(requestDigest(request), request);
        if (active) {
            forward(request);
        }
        return ProposeResult.accepted(0, 0);
    }

    /** Primary: places a request in the open batch. */
    private ProposeResult order(LogEntry request) {
        String digest = requestDigest(request);
        if (nextSeq > lowWater + options.window()) {
            pendingRequests.put(digest, request);
            return ProposeResult.busy(id);
        }
        if (inFlight.contains(digest)) {
            return ProposeResult.accepted(0, 0);
        }
        inFlight.add(digest);
        pendingRequests.remove(digest);
        long seq = nextSeq++;
        openBatch.add(new LogEntry(seq, view, request.type(), request.data()));
        if (openBatch.size() >= options.maxBatch()) {
            closeBatch();
        }
        return ProposeResult.accepted(seq, view);
    }

    private void forward(LogEntry request) {
        send(signed(PbftMessage.of(REQUEST, id, quorum.primary(view), view)
                .withData(request.data(), request.type().ordinal(), 0)));
    }

    /**
     * The primary orders a relayed request; a backup remembers it, so that it too suspects a
     * primary that never orders it (a request relayed to everyone reaches every backup's timer).
     */
    private void handleRequest(PbftMessage m) {
        if (m.offset() < 0 || m.offset() >= EntryType.values().length || m.data().length == 0
                || m.offset() == EntryType.CONF_CHANGE.ordinal()) {
            return;
        }
        LogEntry request = new LogEntry(1, 0, EntryType.values()[(int) m.offset()], m.data());
        if (leading()) {
            order(request);
        } else if (!isPrimary() && pendingRequests.size() < options.window() * options.maxBatch()) {
            pendingRequests.putIfAbsent(requestDigest(request), request);
        }
    }

    private static String requestDigest(LogEntry request) {
        return HexFormat.of().formatHex(PbftDigests.entry(request));
    }

    @Override
    public ProposeResult proposeConfChange(ConfChange change) {
        return ProposeResult.invalid();
    }

    @Override
    public ProposeResult transferLeadership(long targetId) {
        return ProposeResult.invalid();
    }

    // ---------------------------------------------------------------- normal case

    private void closeBatch() {
        if (openBatch.isEmpty()) {
            return;
        }
        List<LogEntry> entries = List.copyOf(openBatch);
        openBatch.clear();
        long lo = entries.get(0).index();
        long hi = entries.get(entries.size() - 1).index();
        byte[] digest = PbftDigests.batch(entries);
        PbftMessage prePrepare = signed(PbftMessage.of(PRE_PREPARE, id, 0, view).withSeq(lo, hi).withDigest(digest)
                .withEntries(entries));
        Batch batch = new Batch(view, lo, hi, digest, entries, prePrepare);
        batches.put(lo, batch);
        acceptedIndex = Math.max(acceptedIndex, hi);
        // Sent after the batch is durable: a primary that crashed before must not reuse these numbers.
        broadcast(prePrepare, true);
        writeReadyBatches();
    }

    private void handlePrePrepare(PbftMessage m) {
        if (!active || m.view() != view || m.from() != quorum.primary(view) || isPrimary()) {
            return;
        }
        long lo = m.seq();
        long hi = m.seqHi();
        if (!PbftCertificates.wellFormedBatch(lo, hi, m.digest(), m.entries()) || lo <= lowWater
                || hi > lowWater + options.window() || m.entries().size() > options.maxBatch()
                || m.entries().stream().anyMatch(e -> e.term() != view || e.type() == EntryType.CONF_CHANGE)) {
            return;
        }
        if (lo <= commit) {
            // A correct primary never assigns a number a correct replica committed: stale or faulty.
            return;
        }
        for (LogEntry e : m.entries()) {
            LogEntry mine = log.get(e.index());
            if (mine != null && mine.term() == view && !requestDigest(mine).equals(requestDigest(e))) {
                // This view already gave that number another request (our log remembers it across restarts).
                startViewChange(view + 1);
                return;
            }
        }
        for (Batch b : batches.subMap(lo - options.window(), true, hi, true).values()) {
            if (b.overlaps(lo, hi)) {
                if (b.lo != lo || b.hi != hi || !Arrays.equals(b.digest, m.digest())) {
                    // Two signed pre-prepares for one sequence number: the primary is faulty.
                    startViewChange(view + 1);
                }
                return;
            }
        }
        batches.put(lo, new Batch(view, lo, hi, m.digest(), m.entries(), m));
        acceptedIndex = Math.max(acceptedIndex, hi);
        writeReadyBatches();
    }

    /** Writes accepted batches to the log in sequence order, as far as the log is contiguous, and votes for them. */
    private void writeReadyBatches() {
        for (Batch b : batches.values()) {
            if (b.written) {
                continue;
            }
            if (b.lo > lastIndex + 1 || fetch.active()) {
                return;
            }
            List<LogEntry> fresh = b.entries.stream().filter(e -> e.index() > commit).toList();
            if (!fresh.isEmpty()) {
                writeEntries(fresh);
            }
            b.written = true;
            if (b.myPrepare == null) {
                b.myPrepare = signed(PbftMessage.of(PREPARE, id, 0, view).withSeq(b.lo, b.hi).withDigest(b.digest));
                votes(prepares, b.key()).put(id, b.myPrepare);
                broadcast(b.myPrepare, true);
            }
            checkBatch(b);
        }
    }

    /**
     * Puts entries into the log. Entries above them stay: they are what this replica accepted
     * there, the claims a view change may need after a restart, so they are written again too.
     */
    private void writeEntries(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (LogEntry e : entries) {
            log.put(e.index(), e);
        }
        unstableFrom = Math.min(unstableFrom, entries.get(0).index());
        lastIndex = Math.max(lastIndex, entries.get(entries.size() - 1).index());
    }

    private void handlePrepares(PbftMessage m) {
        if (m.type() == FAST_COMMIT) {
            if (!options.fastPath()) {
                return;
            }
            for (PbftMessage vote : m.proof()) {
                PbftMessage known = prepares.getOrDefault(VoteKey.of(vote), Map.of()).get(vote.from());
                boolean seen = known != null && Arrays.equals(known.signature(), vote.signature());
                if (!seen && vote.type() == PREPARE && vote.view() == m.view() && certs.signedByMember(vote)) {
                    addPrepare(vote);
                }
            }
        } else {
            addPrepare(m);
        }
    }

    private void addPrepare(PbftMessage vote) {
        if (vote.view() != view || vote.seqHi() <= lowWater) {
            return;
        }
        VoteKey key = VoteKey.of(vote);
        votes(prepares, key).putIfAbsent(vote.from(), vote);
        Batch b = batches.get(vote.seq());
        if (b != null && b.key().equals(key)) {
            checkBatch(b);
        }
    }

    private void handleCommit(PbftMessage vote) {
        if (vote.view() != view || vote.seqHi() <= lowWater) {
            return;
        }
        VoteKey key = VoteKey.of(vote);
        votes(commits, key).putIfAbsent(vote.from(), vote);
        Batch b = batches.get(vote.seq());
        if (b != null && b.key().equals(key)) {
            checkBatch(b);
        }
    }

    private static Map<Long, PbftMessage> votes(Map<VoteKey, Map<Long, PbftMessage>> all, VoteKey key) {
        return all.computeIfAbsent(key, k -> new TreeMap<>());
    }

    /** Moves a written batch through prepared and committed as its votes allow. */
    private void checkBatch(Batch b) {
        if (!b.written || !active || b.view != view) {
            return;
        }
        Map<Long, PbftMessage> prepared = votes(prepares, b.key());
        if (!b.prepared && prepared.size() >= certs.strong()) {
            b.prepared = true;
            preparedCerts.put(b.lo, PbftMessage.of(PRE_PREPARE, id, 0, b.view).withSeq(b.lo, b.hi)
                    .withDigest(b.digest).withEntries(b.entries).withProof(List.copyOf(prepared.values())));
            certificatesChanged = true;
            b.myCommit = signed(PbftMessage.of(COMMIT, id, 0, view).withSeq(b.lo, b.hi).withDigest(b.digest));
            votes(commits, b.key()).put(id, b.myCommit);
            broadcast(b.myCommit, true);
        }
        boolean fast = options.fastPath() && prepared.size() >= quorum.n();
        if (fast && isPrimary() && !b.fastCertificateSent) {
            b.fastCertificateSent = true;
            broadcast(signed(PbftMessage.of(FAST_COMMIT, id, 0, view).withSeq(b.lo, b.hi).withDigest(b.digest)
                    .withProof(List.copyOf(prepared.values()))), false);
        }
        Map<Long, PbftMessage> committed = votes(commits, b.key());
        if (!b.committed && b.prepared && (fast || committed.size() >= certs.strong())) {
            b.committed = true;
            List<PbftMessage> proof = List.copyOf((fast ? prepared : committed).values());
            commitCerts.put(b.lo, PbftMessage.of(CATCH_UP, id, 0, b.view).withSeq(b.lo, b.hi).withDigest(b.digest)
                    .withEntries(b.entries).withProof(proof));
            advanceCommit();
        }
    }

    private void advanceCommit() {
        boolean moved = true;
        while (moved) {
            moved = false;
            Map.Entry<Long, Batch> e = batches.floorEntry(commit + 1);
            if (e != null) {
                Batch b = e.getValue();
                if (b.committed && b.written && b.hi > commit) {
                    commit = b.hi;
                    moved = true;
                    viewTimer = 0;
                }
            }
        }
    }

    // ---------------------------------------------------------------- catching up

    private void handleStatus(PbftMessage m) {
        boolean peerActive = m.offset() == 1;
        if (!m.proof().isEmpty()) {
            // Another primary's NEW_VIEW, passed on by the sender: nothing else to answer.
            PbftMessage relayed = m.proof().get(0);
            if (m.proof().size() == 1 && relayed.type() == NEW_VIEW && relayed.from() != id
                    && quorum.contains(relayed.from()) && certs.signedByMember(relayed)) {
                handleNewView(relayed);
            }
            return;
        }
        if (active && latestNewView != null && (m.view() < view || m.view() == view && !peerActive)) {
            // A node sends nothing in another's name: another primary's NEW_VIEW travels inside a STATUS.
            send(latestNewView.from() == id ? latestNewView.to(m.from()) : signed(status(m.from())
                    .withProof(List.of(latestNewView))));
        }
        long peerCommit = m.seq();
        if (m.seqHi() < lowWater) {
            send(PbftMessage.of(CHECKPOINT_CERT, id, m.from(), view).withSeq(lowWater, 0).withDigest(lowWaterDigest)
                    .withProof(lowWaterProof));
        }
        if (peerCommit >= commit || peerCommit < lowWater) {
            return;
        }
        commitCerts.values().stream().filter(c -> c.seqHi() > peerCommit).limit(CATCH_UP_BURST)
                .forEach(c -> send(c.to(m.from())));
    }

    /** A committed batch with its certificate: commit it if it continues this replica's log. */
    private void handleCatchUp(PbftMessage m) {
        if (leading() || m.seq() > commit + 1 || m.seqHi() <= commit || m.seq() > lastIndex + 1 || fetch.active()
                || !PbftCertificates.wellFormedBatch(m.seq(), m.seqHi(), m.digest(), m.entries())
                || !certs.committed(m.view(), m.seq(), m.seqHi(), m.digest(), m.proof())) {
            return;
        }
        writeEntries(m.entries().stream().filter(e -> e.index() > commit).toList());
        commit = m.seqHi();
        acceptedIndex = Math.max(acceptedIndex, commit);
        // Kept as this replica's own CATCH_UP (the certificate proves it), so it can pass it on.
        commitCerts.put(m.seq(), PbftMessage.of(CATCH_UP, id, 0, m.view()).withSeq(m.seq(), m.seqHi())
                .withDigest(m.digest()).withEntries(m.entries()).withProof(m.proof()));
        viewTimer = 0;
        writeReadyBatches();
        advanceCommit();
    }

    // ---------------------------------------------------------------- checkpoints

    /** On restart: vote again for the checkpoint the log was compacted through (its certificate was in memory). */
    private void observeSnapshot() {
        SnapshotMeta meta = stable.snapshotMeta();
        if (meta.index() > 0) {
            checkpointTaken(meta.index(), meta.sizeBytes() == 0 ? new byte[0] : stable.snapshotChunk(0,
                    (int) meta.sizeBytes()));
        }
    }

    /** The runtime's state at a checkpoint: digest it and vote for it. */
    @Override
    public void checkpointTaken(long seq, byte[] snapshot) {
        if (seq <= lastDigestedSnapshot || seq % options.checkpointInterval() != 0) {
            return;
        }
        lastDigestedSnapshot = seq;
        byte[] digest = PbftDigests.state(seq, snapshot);
        if (seq == lowWater && !Arrays.equals(digest, lowWaterDigest)) {
            repairState();
        }
        if (seq <= lowWater || stateDiverged) {
            return;
        }
        myDigests.put(seq, digest);
        PbftMessage vote = signed(PbftMessage.of(CHECKPOINT, id, 0, view).withSeq(seq, 0).withDigest(digest));
        myCheckpoint = vote;
        broadcast(vote, false);
        handleCheckpoint(vote);
    }

    private void handleCheckpoint(PbftMessage m) {
        if (m.seq() <= lowWater || m.seq() % options.checkpointInterval() != 0 || m.digest().length != 32) {
            return;
        }
        Map<Long, PbftMessage> votes = checkpointVotes.computeIfAbsent(m.seq(), k -> new TreeMap<>());
        votes.putIfAbsent(m.from(), m);
        List<PbftMessage> matching = votes.values().stream().filter(v -> Arrays.equals(v.digest(), m.digest())).toList();
        if (matching.size() >= certs.strong()) {
            stabilize(m.seq(), m.digest(), matching);
        }
        // Far ahead of our window: drop the oldest pending vote sets so memory stays bounded.
        while (checkpointVotes.size() > 4 * options.window() / options.checkpointInterval()) {
            checkpointVotes.pollFirstEntry();
        }
    }

    /** A checkpoint certified by 2f+1 replicas: move the low water mark, collect garbage, fetch state if behind. */
    private void stabilize(long seq, byte[] digest, List<PbftMessage> proof) {
        if (seq <= lowWater) {
            return;
        }
        lowWater = seq;
        lowWaterDigest = digest;
        lowWaterProof = List.copyOf(proof);
        certificatesChanged = true;
        batches.headMap(seq, true).values().removeIf(b -> {
            if (b.hi > seq) {
                return false;
            }
            // Requests this replica will get by state transfer instead of executing them are no
            // longer in flight: a client's retry must be ordered again, not ignored forever.
            b.entries.forEach(e -> inFlight.remove(requestDigest(e)));
            return true;
        });
        prepares.keySet().removeIf(k -> k.hi() <= seq);
        commits.keySet().removeIf(k -> k.hi() <= seq);
        preparedCerts.values().removeIf(c -> c.seqHi() <= seq);
        commitCerts.values().removeIf(c -> c.seqHi() <= seq);
        checkpointVotes.headMap(seq, true).clear();
        log.headMap(Math.min(seq, applied), true).clear();
        byte[] mine = myDigests.get(seq);
        myDigests.headMap(seq, true).clear();
        if (mine != null && !Arrays.equals(mine, digest)) {
            repairState();
        } else if (commit < seq || stateDiverged) {
            fetch.start(seq, digest, lowWaterProof).ifPresent(this::send);
        }
    }

    /**
     * This replica's state at the stable checkpoint is not the one 2f+1 replicas certified, at
     * least f+1 of them correct: its state is wrong. It fetches the certified state like a replica
     * that fell behind, and re-executes on it what it executed above the checkpoint.
     */
    private void repairState() {
        if (!stateDiverged) {
            stateDiverged = true;
            stateRepairs++;
        }
        fetch.start(lowWater, lowWaterDigest, lowWaterProof).ifPresent(this::send);
    }

    /** Serves state at our stable checkpoint, if our snapshot is exactly that one. */
    private void serveState(PbftMessage m) {
        SnapshotMeta meta = stable.snapshotMeta();
        if (lowWater == 0 || stateDiverged || meta.index() != lowWater || m.seq() > lowWater || m.offset() < 0
                || m.offset() > meta.sizeBytes()) {
            return;
        }
        int chunk = (int) Math.min(config.snapshotChunkBytes(), meta.sizeBytes() - m.offset());
        byte[] data = chunk == 0 ? new byte[0] : stable.snapshotChunk(m.offset(), chunk);
        send(PbftMessage.of(STATE_CHUNK, id, m.from(), view).withSeq(lowWater, 0).withDigest(lowWaterDigest)
                .withProof(m.offset() == 0 ? lowWaterProof : List.of()).withData(data, m.offset(), meta.sizeBytes()));
    }

    private void handleStateChunk(PbftMessage m) {
        if (!fetch.active() || m.seq() < fetch.target() || m.seq() <= commit && !stateDiverged) {
            return;
        }
        if (m.seq() > fetch.target() && !(m.offset() == 0 && certs.checkpoint(m.seq(), m.digest(), m.proof()))) {
            return;
        }
        if (m.seq() > fetch.target()) {
            stabilize(m.seq(), m.digest(), m.proof());
        }
        StateFetch.Progress progress = fetch.accept(m);
        progress.next().ifPresent(this::send);
        if (progress.state() != null) {
            installState(fetch.target(), progress.state());
            fetch.finish();
        }
    }

    private void installState(long seq, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        long term;
        if (commit >= seq) {
            // A repair: the stored log holds what committed above seq; its term at seq keeps it there.
            term = stable.term(seq);
        } else {
            // A term the stored log does not hold at seq, so the runtime drops its whole log.
            term = stable.term(seq) == 0 ? 1 : 0;
            // Accepted entries above the checkpoint stay claims: the runtime rewrites them after the snapshot.
            TreeMap<Long, LogEntry> above = new TreeMap<>(log.tailMap(seq, false));
            log.clear();
            log.putAll(above);
            unstableFrom = above.isEmpty() ? Long.MAX_VALUE : seq + 1;
            lastIndex = above.isEmpty() ? seq : above.lastKey();
            commit = seq;
            batches.values().forEach(b -> b.written = false);
        }
        pendingSnapshot = new Snapshot(new SnapshotMeta(seq, term, conf, data.length, (int) crc.getValue()), data);
        // A repaired replica executes again, on the certified state, what it executed above seq.
        applied = seq;
        acceptedIndex = Math.max(acceptedIndex, seq);
        lastDigestedSnapshot = seq;
        stateDiverged = false;
        myDigests.clear();
        // Its votes above seq digested the diverged state: it votes again once it executed there again.
        checkpointVotes.values().forEach(votes -> votes.remove(id));
        myCheckpoint = null;
        viewTimer = 0;
        writeReadyBatches();
        advanceCommit();
    }

    // ---------------------------------------------------------------- view change

    private void startViewChange(long newView) {
        if (newView <= view && !active) {
            return;
        }
        view = newView;
        active = false;
        viewTimer = 0;
        for (LogEntry e : openBatch) {
            pendingRequests.put(requestDigest(e), e);
        }
        openBatch.clear();
        inFlight.clear();
        batches.clear();
        prepares.clear();
        commits.clear();
        myViewChange = null;
        viewChangeMessages.headMap(newView).clear();
        sendViewChange();
    }

    private void sendViewChange() {
        if (!canReportViewChange()) {
            return;
        }
        long newView = view;
        List<PbftMessage> proof = new ArrayList<>(lowWaterProof);
        for (PbftMessage cert : preparedCerts.values()) {
            if (cert.seqHi() > lowWater) {
                proof.add(cert);
            }
        }
        List<LogEntry> claims = new ArrayList<>(log.tailMap(lowWater, false)
                .headMap(lowWater + options.window(), true).values());
        myViewChange = signed(PbftMessage.of(VIEW_CHANGE, id, 0, newView).withSeq(lowWater, 0)
                .withDigest(lowWaterDigest).withEntries(claims).withProof(proof));
        broadcast(myViewChange, true);
        viewChangeMessages.computeIfAbsent(newView, v -> new TreeMap<>()).put(id, myViewChange);
        maybeSendNewView();
    }

    private void handleViewChange(PbftMessage m) {
        if (m.view() < view || m.view() == view && active || !viewChanges.valid(m)) {
            return;
        }
        viewChangeMessages.computeIfAbsent(m.view(), v -> new TreeMap<>()).put(m.from(), m);
        // f+1 replicas want views above ours: at least one is correct, so join the lowest of those.
        Map<Long, Long> lowestWanted = new HashMap<>();
        for (Map.Entry<Long, Map<Long, PbftMessage>> e : viewChangeMessages.tailMap(view, false).entrySet()) {
            for (long sender : e.getValue().keySet()) {
                lowestWanted.merge(sender, e.getKey(), Math::min);
            }
        }
        lowestWanted.remove(id);
        if (lowestWanted.size() >= quorum.weak()) {
            startViewChange(lowestWanted.values().stream().min(Long::compare).orElseThrow());
            return;
        }
        maybeSendNewView();
    }

    private void maybeSendNewView() {
        if (active || !isPrimary()) {
            return;
        }
        Map<Long, PbftMessage> forView = viewChangeMessages.getOrDefault(view, Map.of());
        if (forView.size() < certs.strong()) {
            return;
        }
        List<PbftMessage> chosen = forView.values().stream().limit(certs.strong()).toList();
        ViewChanges.NewViewPlan plan = viewChanges.plan(chosen);
        List<LogEntry> entries = ViewChanges.withView(plan.entries(), view);
        PbftMessage nv = signed(PbftMessage.of(NEW_VIEW, id, 0, view).withSeq(plan.minSeq() + 1, plan.maxSeq())
                .withDigest(entries.isEmpty() ? NO_DIGEST : PbftDigests.batch(entries)).withEntries(entries)
                .withProof(chosen));
        // Sent once this replica durably entered the view: restarted, it must not build a second NEW_VIEW.
        broadcast(nv, true);
        enterNewView(nv, plan);
    }

    private void handleNewView(PbftMessage m) {
        if (m.view() < view || m.view() == view && active || !viewChanges.validNewView(m)) {
            return;
        }
        enterNewView(m, viewChanges.plan(m.proof()));
    }

    private void enterNewView(PbftMessage nv, ViewChanges.NewViewPlan plan) {
        view = nv.view();
        active = true;
        viewTimer = 0;
        viewChangeAttempts = 0;
        latestNewView = nv;
        myViewChange = null;
        batches.clear();
        prepares.clear();
        commits.clear();
        inFlight.clear();
        viewChangeMessages.headMap(view, true).clear();
        if (plan.minSeq() > lowWater) {
            stabilize(plan.minSeq(), plan.checkpointDigest(), plan.checkpointProof());
        }
        long maxSeq = plan.maxSeq();
        // Above the new view's batch nothing was committed: those old claims go (the next write drops them on disk).
        log.tailMap(maxSeq, false).values().removeIf(e -> e.index() > commit);
        lastIndex = Math.min(lastIndex, Math.max(maxSeq, commit));
        acceptedIndex = maxSeq;
        nextSeq = maxSeq + 1;
        if (!nv.entries().isEmpty()) {
            Batch b = new Batch(view, nv.seq(), nv.seqHi(), nv.digest(), nv.entries(), nv);
            batches.put(b.lo, b);
            for (LogEntry e : nv.entries()) {
                inFlight.add(requestDigest(e));
            }
        }
        writeReadyBatches();
        if (isPrimary()) {
            List<LogEntry> waiting = new ArrayList<>(pendingRequests.values());
            waiting.forEach(this::submit);
        } else {
            pendingRequests.values().forEach(this::forward);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public ProposeResult requestRead(long readId) {
        ReadProbe probe = new ReadProbe(readId);
        probe.acks.put(id, readIndex());
        reads.put(readId, probe);
        broadcast(signed(PbftMessage.of(READ_PROBE, id, 0, view).withSeq(readId, 0)), false);
        maybeFinishRead(probe);
        return ProposeResult.accepted(0, 0);
    }

    /** What this replica reports to a read probe: nothing completed can lie above it at every correct replica. */
    private long readIndex() {
        return Math.max(commit, acceptedIndex);
    }

    private void handleReadAck(PbftMessage m) {
        ReadProbe probe = reads.get(m.seq());
        if (probe != null && !probe.barrier) {
            probe.acks.putIfAbsent(m.from(), m.seqHi());
            maybeFinishRead(probe);
        }
    }

    private void maybeFinishRead(ReadProbe probe) {
        if (probe.acks.size() < certs.strong()) {
            return;
        }
        long index = probe.acks.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (index <= commit) {
            reads.remove(probe.readId);
            readStates.add(new ReadState(probe.readId, index));
        } else {
            orderBarrier(probe);
        }
    }

    private void tickReads() {
        for (ReadProbe probe : List.copyOf(reads.values())) {
            if (!probe.barrier && ++probe.ticks >= options.viewChangeTicks()) {
                orderBarrier(probe);
            }
        }
    }

    /** The fallback: order a no-op through the protocol and serve the read once it executed. */
    private void orderBarrier(ReadProbe probe) {
        probe.barrier = true;
        byte[] data = (BARRIER_PREFIX + id + ":" + (++barrierCounter) + ":" + probe.readId)
                .getBytes(StandardCharsets.UTF_8);
        LogEntry barrier = new LogEntry(1, 0, EntryType.NOOP, data);
        readBarriers.put(requestDigest(barrier), probe.readId);
        submit(barrier);
    }

    // ---------------------------------------------------------------- Ready / advance

    @Override
    public boolean hasReady() {
        return !softState().equals(lastSoftState)
                || !hardState().equals(lastHardState)
                || unstableFrom != Long.MAX_VALUE
                || certificatesChanged
                || pendingSnapshot != null
                || !messages.isEmpty()
                || !messagesAfterPersist.isEmpty()
                || !readStates.isEmpty()
                || !openBatch.isEmpty()
                || applied < committedLimit();
    }

    /** Committed entries go out only up to the next checkpoint, so the runtime can snapshot exactly there. */
    private long committedLimit() {
        if (stateDiverged) {
            return applied;
        }
        long k = options.checkpointInterval();
        return Math.min(commit, (applied / k + 1) * k);
    }

    @Override
    public Ready<PbftMessage> ready() {
        if (outstanding != null) {
            throw new IllegalStateException("the previous Ready was not advanced yet");
        }
        closeBatch();
        Snapshot snapshot = pendingSnapshot;
        pendingSnapshot = null;
        List<LogEntry> entries = unstableFrom == Long.MAX_VALUE ? List.of()
                : List.copyOf(log.tailMap(unstableFrom, true).values());
        unstableFrom = Long.MAX_VALUE;
        byte[] engineState = certificatesChanged ? PbftDurableState.encode(durableCertificates()) : null;
        certificatesChanged = false;
        List<LogEntry> committed = new ArrayList<>();
        long limit = committedLimit();
        for (LogEntry e : log.subMap(applied, false, limit, true).values()) {
            committed.add(e);
            executed(e);
        }
        applied = Math.max(applied, limit);
        HardState hs = hardState();
        boolean viewChanged = hs.term() != lastHardState.term() || hs.vote() != lastHardState.vote();
        HardState hsOut = hs.equals(lastHardState) ? null : hs;
        lastHardState = hs;
        SoftState ss = softState();
        SoftState ssOut = ss.equals(lastSoftState) ? null : ss;
        lastSoftState = ss;
        Ready<PbftMessage> rd = new Ready<>(ssOut, hsOut, snapshot, entries, messages, messagesAfterPersist,
                committed, readStates, viewChanged || !entries.isEmpty() || snapshot != null || engineState != null,
                engineState);
        messages.clear();
        messagesAfterPersist.clear();
        readStates.clear();
        outstanding = rd;
        return rd;
    }

    private void executed(LogEntry e) {
        String digest = requestDigest(e);
        pendingRequests.remove(digest);
        inFlight.remove(digest);
        Long readId = readBarriers.remove(digest);
        if (readId != null && reads.remove(readId) != null) {
            readStates.add(new ReadState(readId, e.index()));
        }
    }

    @Override
    public void advance(Ready<PbftMessage> rd) {
        if (rd != outstanding) {
            throw new IllegalArgumentException("advance() must get the Ready returned by the last ready()");
        }
        outstanding = null;
    }

    private HardState hardState() {
        return new HardState(view, active ? 1 : 0, Math.min(commit, lastIndex));
    }

    private SoftState softState() {
        boolean leads = leading();
        return new SoftState(active ? quorum.primary(view) : 0, leads ? Role.LEADER : Role.FOLLOWER);
    }

    /** Times this replica found its own state at a stable checkpoint differed from the certified one. */
    public long stateRepairs() {
        return stateRepairs;
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(id, leading() ? Role.LEADER : Role.FOLLOWER, view, active ? quorum.primary(view) : 0,
                commit, applied, Math.max(commit, acceptedIndex), conf, Map.of());
    }

    // ---------------------------------------------------------------- sending

    private PbftMessage signed(PbftMessage m) {
        return auth.sign(m);
    }

    private void send(PbftMessage m) {
        if (m.to() != id) {
            messages.add(m);
        }
    }

    private void broadcast(PbftMessage m, boolean afterPersist) {
        for (long peer : quorum.replicas()) {
            if (peer != id) {
                (afterPersist ? messagesAfterPersist : messages).add(m.to(peer));
            }
        }
    }

    /** A read-only probe in flight. */
    private static final class ReadProbe {
        final long readId;
        final Map<Long, Long> acks = new HashMap<>();
        int ticks;
        boolean barrier;

        ReadProbe(long readId) {
            this.readId = readId;
        }
    }
}
