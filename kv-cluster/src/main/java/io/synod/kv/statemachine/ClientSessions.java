package io.synod.kv.statemachine;

import io.synod.proto.kv.KvSession;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Per-client idempotency sessions: each client's last applied sequence number and its result.
 * Bounded: once more than {@code maxSessions} clients are known, the session applied longest ago
 * is forgotten. A write-through copy of the store's session table, so the oldest session is
 * found without asking the store; iteration order is the order of last application, which every
 * replica shares.
 */
final class ClientSessions {

    private final int maxSessions;
    /** Insertion order = order of last application (an updated session is moved to the end). */
    private final LinkedHashMap<Long, KvSession> byClient = new LinkedHashMap<>();

    ClientSessions(int maxSessions) {
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive: " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    KvSession get(long clientId) {
        return byClient.get(clientId);
    }

    /**
     * Adds or replaces a session as the most recently applied one and returns the client ids
     * evicted to stay within the bound, oldest first.
     */
    List<Long> put(KvSession session) {
        byClient.remove(session.getClientId());
        byClient.put(session.getClientId(), session);
        List<Long> evicted = new ArrayList<>();
        Iterator<Long> oldest = byClient.keySet().iterator();
        while (byClient.size() > maxSessions) {
            evicted.add(oldest.next());
            oldest.remove();
        }
        return evicted;
    }

    /** Replaces every session by {@code inApplyOrder} (least recently applied first). */
    void reload(List<KvSession> inApplyOrder) {
        byClient.clear();
        for (KvSession s : inApplyOrder) {
            byClient.put(s.getClientId(), s);
        }
    }

    int size() {
        return byClient.size();
    }
}
