package io.synod.tools.bench.consensus;

/** Where a protocol was measured. */
enum Environment {
    /** The deterministic simulator: simulated time, no CPU cost, fixed latencies. */
    SIM("simulator"),
    /** Separate node processes on this machine: wall-clock time, LMDB, gRPC over loopback. */
    REAL("local cluster");

    final String label;

    Environment(String label) {
        this.label = label;
    }
}
