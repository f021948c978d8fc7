package io.synod.tools.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link LeaderFailoverScenario} for PBFT on four node processes (f = 1; keys generated into their
 * data directories).
 */
class PbftFailoverProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void killedAndCutOffPrimariesLoseNoAcknowledgedWrite() throws Exception {
        LeaderFailoverScenario.run(dir, 4, List.of("--test-faults", "--consensus", "pbft"), Duration.ofSeconds(150));
    }
}
