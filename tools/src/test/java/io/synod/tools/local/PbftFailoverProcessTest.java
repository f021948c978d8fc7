package io.synod.tools.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LeaderFailoverScenario} for PBFT on four node processes (f = 1; keys generated into their
 * data directories). Runs only with {@code -Dsynod.pbft.process=true}: on a loaded two-core machine
 * the restarted nodes did not all report caught up within the test's bounds (see docs/pbft.md).
 */
class PbftFailoverProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void killedAndCutOffPrimariesLoseNoAcknowledgedWrite() throws Exception {
        assumeTrue(Boolean.getBoolean("synod.pbft.process"), "set -Dsynod.pbft.process=true to run");
        LeaderFailoverScenario.run(dir, 4, List.of("--test-faults", "--consensus", "pbft"), Duration.ofSeconds(150));
    }
}
