package io.synod.kv.client;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Client sessions for idempotent writes. The state machine remembers one (sequence, result) per
 * client id, so a session may carry only one write at a time: a concurrent call takes an idle
 * session or opens a new one (a fresh random id), and gives it back when it is done. A retried
 * write reuses its sequence, so the state machine answers it from the session instead of
 * applying it twice.
 */
final class SessionPool {

    /** One write's session id and sequence. */
    record Ticket(Session session, long clientId, long sequence) {
    }

    static final class Session {
        private final long clientId;
        private long sequence;

        private Session(long clientId) {
            this.clientId = clientId;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();

    Ticket acquire() {
        Session s = idle.pollFirst();
        if (s == null) {
            s = new Session(newClientId());
        }
        s.sequence++;
        return new Ticket(s, s.clientId, s.sequence);
    }

    void release(Ticket ticket) {
        idle.addFirst(ticket.session());
    }

    private long newClientId() {
        long id;
        synchronized (random) {
            do {
                id = random.nextLong();
            } while (id == 0);
        }
        return id;
    }
}
