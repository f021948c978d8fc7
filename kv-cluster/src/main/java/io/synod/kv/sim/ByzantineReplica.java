package io.synod.kv.sim;

import io.synod.crypto.sign.Signer;
import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.pbft.PbftDigests;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;
import io.synod.kv.consensus.pbft.PbftSignBytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A faulty PBFT replica for the simulator: a correct engine inside (so its own state stays
 * sane), whose outgoing messages are tampered with according to one {@link Behavior}. It signs
 * with its own key only; messages it makes up in another replica's name carry made-up signatures.
 */
public final class ByzantineReplica implements ConsensusEngine<PbftMessage> {

    /** How the replica misbehaves. */
    public enum Behavior {
        /** As primary, sends a different (validly signed) batch to half of the backups. */
        EQUIVOCATE,
        /** Sends votes in other replicas' names with forged signatures, and its own with broken ones. */
        FORGE,
        /** Sends old messages again, long after. */
        REPLAY,
        /** Lies: inflated read acknowledgements and status, wrong checkpoint digests, bogus view-change claims. */
        LIE,
        /** Sends nothing at all. */
        SILENT,
        /** As primary, holds every message back for a while before sending it. */
        SLOW_PRIMARY;

        public static Behavior parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final int REPLAY_HISTORY = 256;
    private static final int SLOW_TICKS = 15;

    private final PbftEngine inner;
    private final boolean impersonates;
    private final Behavior behavior;
    private final Signer signer;
    private final List<Long> replicas;
    private final SplittableRandom random;
    private final List<PbftMessage> history = new ArrayList<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private long ticks;
    /** The inner engine's Ready behind the tampered one handed out. */
    private Ready<PbftMessage> lastInner;

    private record Delayed(long dueTick, PbftMessage message) {
    }

    public ByzantineReplica(PbftEngine inner, Behavior behavior, Signer signer, List<Long> replicas, long seed) {
        this(inner, behavior, signer, replicas, seed, true);
    }

    /**
     * @param impersonates whether messages in other replicas' names may leave (the simulator's
     *                     network carries them; between real processes the transport
     *                     authenticates the sender, so there they are left out)
     */
    public ByzantineReplica(PbftEngine inner, Behavior behavior, Signer signer, List<Long> replicas, long seed,
                            boolean impersonates) {
        this.impersonates = impersonates;
        this.inner = inner;
        this.behavior = behavior;
        this.signer = signer;
        this.replicas = List.copyOf(replicas);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long id() {
        return inner.id();
    }

    @Override
    public void tick() {
        ticks++;
        inner.tick();
    }

    @Override
    public void step(PbftMessage message) {
        if (behavior == Behavior.REPLAY && history.size() < REPLAY_HISTORY) {
            history.add(message);
        }
        inner.step(message);
    }

    @Override
    public ProposeResult propose(byte[] command) {
        return inner.propose(command);
    }

    @Override
    public ProposeResult proposeConfChange(ConfChange change) {
        return inner.proposeConfChange(change);
    }

    @Override
    public ProposeResult requestRead(long readId) {
        return inner.requestRead(readId);
    }

    @Override
    public ProposeResult transferLeadership(long targetId) {
        return inner.transferLeadership(targetId);
    }

    @Override
    public boolean hasReady() {
        return inner.hasReady() || delayed.stream().anyMatch(d -> d.dueTick() <= ticks);
    }

    @Override
    public Ready<PbftMessage> ready() {
        Ready<PbftMessage> rd = inner.ready();
        lastInner = rd;
        return new Ready<>(rd.softState(), rd.hardState(), rd.snapshot(), rd.entries(),
                tamper(rd.messages()), tamper(rd.messagesAfterPersist()), rd.committedEntries(),
                rd.readStates(), rd.mustSync(), rd.engineState());
    }

    @Override
    public void advance(Ready<PbftMessage> ready) {
        inner.advance(lastInner);
    }

    @Override
    public EngineStatus status() {
        return inner.status();
    }

    @Override
    public int checkpointInterval() {
        return inner.checkpointInterval();
    }

    @Override
    public void checkpointTaken(long index, byte[] snapshot) {
        inner.checkpointTaken(index, snapshot);
    }

    @Override
    public long compactableIndex() {
        return inner.compactableIndex();
    }

    private List<PbftMessage> tamper(List<PbftMessage> out) {
        List<PbftMessage> sent = new ArrayList<>();
        switch (behavior) {
            case SILENT -> {
            }
            case EQUIVOCATE -> out.forEach(m -> sent.add(m.type() == PbftMessageType.PRE_PREPARE
                    && m.to() % 2 == 0 ? conflicting(m) : m));
            case FORGE -> {
                for (PbftMessage m : out) {
                    sent.add(random.nextInt(4) == 0 ? m.withSignature(garbage()) : m);
                    if (m.type() == PbftMessageType.PRE_PREPARE && m.to() % 2 == 0) {
                        PbftMessage other = conflicting(m);
                        sent.set(sent.size() - 1, other);
                        sent.addAll(forgedVotes(other));
                    } else if (m.type() == PbftMessageType.PRE_PREPARE) {
                        sent.addAll(forgedVotes(m));
                    }
                }
            }
            case REPLAY -> {
                sent.addAll(out);
                if (!history.isEmpty() && random.nextInt(3) == 0) {
                    PbftMessage old = history.get(random.nextInt(history.size()));
                    for (long r : replicas) {
                        if (r != id()) {
                            sent.add(old.to(r));
                        }
                    }
                }
                out.stream().filter(m -> history.size() < REPLAY_HISTORY).forEach(history::add);
            }
            case LIE -> out.forEach(m -> sent.add(lie(m)));
            case SLOW_PRIMARY -> {
                if (inner.status().leaderId() == id()) {
                    out.forEach(m -> delayed.add(new Delayed(ticks + SLOW_TICKS, m)));
                } else {
                    sent.addAll(out);
                }
                delayed.removeIf(d -> {
                    if (d.dueTick() <= ticks) {
                        sent.add(d.message());
                        return true;
                    }
                    return false;
                });
            }
        }
        if (!impersonates) {
            sent.removeIf(m -> m.from() != id());
        }
        return sent;
    }

    /** The same batch with its first request turned into a no-op, validly signed by us. */
    private PbftMessage conflicting(PbftMessage prePrepare) {
        List<LogEntry> entries = new ArrayList<>(prePrepare.entries());
        LogEntry first = entries.get(0);
        entries.set(0, new LogEntry(first.index(), first.term(), EntryType.NOOP, ("equivocation-" + first.index())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return sign(prePrepare.withEntries(entries).withDigest(PbftDigests.batch(entries)));
    }

    /** PREPAREs and COMMITs for a batch in every other replica's name, with made-up signatures. */
    private List<PbftMessage> forgedVotes(PbftMessage prePrepare) {
        List<PbftMessage> votes = new ArrayList<>();
        for (long claimed : replicas) {
            if (claimed == id()) {
                continue;
            }
            for (PbftMessageType type : List.of(PbftMessageType.PREPARE, PbftMessageType.COMMIT)) {
                PbftMessage vote = PbftMessage.of(type, claimed, prePrepare.to(), prePrepare.view())
                        .withSeq(prePrepare.seq(), prePrepare.seqHi()).withDigest(prePrepare.digest())
                        .withSignature(garbage());
                votes.add(vote);
            }
        }
        return votes;
    }

    private PbftMessage lie(PbftMessage m) {
        return switch (m.type()) {
            case READ_ACK -> sign(m.withSeq(m.seq(), m.seqHi() + 1_000 + random.nextInt(1_000)));
            case STATUS -> sign(m.withSeq(m.seq() + 500, m.seqHi()));
            case CHECKPOINT -> sign(m.withDigest(PbftDigests.state(m.seq(), garbage())));
            case VIEW_CHANGE -> sign(m.withEntries(bogusClaims(m)));
            default -> m;
        };
    }

    /** Claims of made-up requests at every sequence number above the checkpoint, at the highest view allowed. */
    private List<LogEntry> bogusClaims(PbftMessage viewChange) {
        List<LogEntry> claims = new ArrayList<>();
        for (long seq = viewChange.seq() + 1; seq <= viewChange.seq() + 8; seq++) {
            claims.add(new LogEntry(seq, viewChange.view() - 1, EntryType.NOOP,
                    ("bogus-" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return claims;
    }

    private PbftMessage sign(PbftMessage m) {
        return m.withSignature(signer.sign(PbftSignBytes.of(m)).bytes());
    }

    private byte[] garbage() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return bytes;
    }
}
