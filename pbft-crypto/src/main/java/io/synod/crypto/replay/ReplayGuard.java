package io.synod.crypto.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rejects replayed client requests. Each client numbers its requests with a strictly increasing
 * positive sequence (a counter, or better a clock-based timestamp, see below); the guard keeps,
 * per client, the highest sequence it accepted and which of the {@code window} sequences below it
 * were seen, so requests of a pipelining client may arrive out of order within the window while
 * each one is accepted once. Sequence 0 and negative ones are {@link ReplayVerdict#TOO_OLD}.
 *
 * <p><b>Bounded memory.</b> At most {@code maxClients} clients are tracked, each in
 * {@code 24 + window/8} bytes plus a map entry. When a new client arrives at the limit, the client
 * whose last accepted request is oldest (least recently accepted, counted in requests, not time)
 * is forgotten, and the guard's eviction floor rises to that client's highest sequence. Requests
 * from untracked clients must then carry a sequence above the floor: a forgotten client's old
 * requests can never be accepted again (a client that returns keeps the floor of its return), at
 * the price that a client whose sequences are small counters may be asked to jump above the
 * floor. Clients that use microsecond timestamps as sequences are never affected in practice.
 *
 * <p><b>Deterministic.</b> No clocks, randomness or hash-order iteration: replicas that feed the
 * same requests in the same order reach the same verdicts and state, and {@link #snapshot()} gives
 * them the same bytes, so the guard can travel in checkpoints and state transfer. Not thread-safe.
 */
public final class ReplayGuard {

    public static final int MAX_WINDOW = 4096;
    private static final int SNAPSHOT_VERSION = 1;

    private final int maxClients;
    private final int window;
    /** Insertion order is kept as least recently accepted first: an accepted client is moved to the end. */
    private final LinkedHashMap<Long, ClientWindow> clients = new LinkedHashMap<>();
    private long evictionFloor;

    /**
     * @param maxClients how many clients to track at once
     * @param window     how far below a client's highest sequence a late request is still accepted:
     *                   a multiple of 64 from 64 to {@value #MAX_WINDOW}
     */
    public ReplayGuard(int maxClients, int window) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive, not " + maxClients);
        }
        if (window < 64 || window > MAX_WINDOW || window % 64 != 0) {
            throw new IllegalArgumentException("window must be a multiple of 64 from 64 to " + MAX_WINDOW + ", not "
                    + window);
        }
        this.maxClients = maxClients;
        this.window = window;
    }

    /** What {@link #accept} would answer, without recording anything. */
    public ReplayVerdict check(long clientId, long sequence) {
        if (sequence <= 0) {
            return ReplayVerdict.TOO_OLD;
        }
        ClientWindow client = clients.get(clientId);
        if (client == null) {
            return sequence <= evictionFloor ? ReplayVerdict.BELOW_EVICTION_FLOOR : ReplayVerdict.ACCEPTED;
        }
        return client.check(sequence);
    }

    /** Checks the request and, if it is new, records it so the same sequence is refused from now on. */
    public ReplayVerdict accept(long clientId, long sequence) {
        ReplayVerdict verdict = check(clientId, sequence);
        if (verdict.accepted()) {
            ClientWindow client = clients.remove(clientId);
            if (client == null) {
                evictIfFull();
                client = new ClientWindow(window, evictionFloor);
            }
            client.record(sequence);
            clients.put(clientId, client);
        }
        return verdict;
    }

    /** Requests from untracked clients need a sequence above this (0 until a client has been forgotten). */
    public long evictionFloor() {
        return evictionFloor;
    }

    /** How many clients are tracked now. */
    public int trackedClients() {
        return clients.size();
    }

    /** The highest sequence accepted from this client, or 0 if it is not tracked. */
    public long highestAccepted(long clientId) {
        ClientWindow client = clients.get(clientId);
        return client == null ? 0 : client.highest();
    }

    /**
     * The guard's whole state, canonically encoded (big-endian): {@code u8 version (1), u32
     * maxClients, u32 window, u64 evictionFloor, u32 clients}, then per client from least to most
     * recently accepted {@code u64 clientId, u64 floor, u64 highest, window/64 × u64 bitmap}.
     */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SNAPSHOT_VERSION);
            out.writeInt(maxClients);
            out.writeInt(window);
            out.writeLong(evictionFloor);
            out.writeInt(clients.size());
            for (Map.Entry<Long, ClientWindow> e : clients.entrySet()) {
                out.writeLong(e.getKey());
                e.getValue().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The guard a {@link #snapshot()} was taken of.
     *
     * @throws IllegalArgumentException if the bytes are not a complete snapshot
     */
    public static ReplayGuard restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int version = in.readUnsignedByte();
            if (version != SNAPSHOT_VERSION) {
                throw new IllegalArgumentException("unknown replay guard snapshot version " + version);
            }
            ReplayGuard guard = withSettings(in.readInt(), in.readInt());
            guard.evictionFloor = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > guard.maxClients || guard.evictionFloor < 0) {
                throw new IllegalArgumentException("replay guard snapshot is corrupt: " + count + " clients of at most "
                        + guard.maxClients + ", floor " + guard.evictionFloor);
            }
            for (int i = 0; i < count; i++) {
                long clientId = in.readLong();
                if (guard.clients.put(clientId, ClientWindow.readFrom(in, guard.window)) != null) {
                    throw new IllegalArgumentException("replay guard snapshot lists client " + clientId + " twice");
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("replay guard snapshot has " + in.available() + " extra bytes");
            }
            return guard;
        } catch (IOException e) {
            throw new IllegalArgumentException("replay guard snapshot is truncated or corrupt", e);
        }
    }

    private static ReplayGuard withSettings(int maxClients, int window) {
        try {
            return new ReplayGuard(maxClients, window);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay guard snapshot is corrupt: " + e.getMessage(), e);
        }
    }

    private void evictIfFull() {
        if (clients.size() < maxClients) {
            return;
        }
        var eldest = clients.entrySet().iterator();
        long forgottenHighest = eldest.next().getValue().highest();
        eldest.remove();
        evictionFloor = Math.max(evictionFloor, forgottenHighest);
    }
}
