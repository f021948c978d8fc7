package io.synod.kv.statemachine;

import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvSession;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-client idempotency sessions: each client's last applied sequence number and its result.
 * Bounded: once more than {@code maxSessions} clients are known, the session applied longest ago
 * is forgotten. Iteration order is the order of last application, which every replica shares.
 */
final class ClientSessions {

    private final int maxSessions;
    /** Insertion order = order of last application (an updated session is moved to the end). */
    private final LinkedHashMap<Long, KvSession> byClient = new LinkedHashMap<>();
    private long hashSum;

    ClientSessions(int maxSessions) {
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive: " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    KvSession get(long clientId) {
        return byClient.get(clientId);
    }

    void record(long clientId, long sequence, long appliedIndex, KvCommandResult result) {
        put(KvSession.newBuilder()
                .setClientId(clientId)
                .setSequence(sequence)
                .setAppliedIndex(appliedIndex)
                .setResult(result)
                .build());
    }

    /** Adds or replaces a session as the most recently applied one, evicting the oldest if full. */
    void put(KvSession session) {
        KvSession previous = byClient.remove(session.getClientId());
        if (previous != null) {
            hashSum -= hash(previous);
        }
        byClient.put(session.getClientId(), session);
        hashSum += hash(session);
        if (byClient.size() > maxSessions) {
            Iterator<Map.Entry<Long, KvSession>> oldest = byClient.entrySet().iterator();
            hashSum -= hash(oldest.next().getValue());
            oldest.remove();
        }
    }

    void clear() {
        byClient.clear();
        hashSum = 0;
    }

    int size() {
        return byClient.size();
    }

    /** Sessions from least to most recently applied. */
    List<KvSession> inApplyOrder() {
        return new ArrayList<>(byClient.values());
    }

    long hashSum() {
        return hashSum;
    }

    private static long hash(KvSession session) {
        return StateHash.of(session.toByteString());
    }
}
