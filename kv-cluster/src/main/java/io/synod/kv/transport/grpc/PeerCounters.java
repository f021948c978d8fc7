package io.synod.kv.transport.grpc;

import java.util.concurrent.atomic.LongAdder;

/** Live traffic counters of one peer; updated from engine, sender and I/O threads. */
final class PeerCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder inboundDropped = new LongAdder();

    PeerStats snapshot(int queuedMessages, long queuedBytes) {
        return new PeerStats(sent.sum(), dropped.sum(), received.sum(), rejected.sum(), inboundDropped.sum(),
                queuedMessages, queuedBytes);
    }
}
