package io.synod.tools.local;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link LeaderFailoverScenario} per crash-tolerant protocol, on three node processes. */
class LeaderFailoverProcessTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "raft"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedAndCutOffLeadersLoseNoAcknowledgedWrite(String protocol) throws Exception {
        LeaderFailoverScenario.run(dir, 3,
                List.of("--test-faults", "--snapshot-threshold", "200", "--consensus", protocol), Duration.ofSeconds(60));
    }
}
