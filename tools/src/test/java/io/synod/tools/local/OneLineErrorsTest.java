package io.synod.tools.local;

import io.synod.tools.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad flags and config of node, local, kv, status and bench: one line (plus a hint), exit 2. */
class OneLineErrorsTest {

    @TempDir
    Path dir;

    @Test
    void badFlagsAndConfigGiveOneLineAndExitTwo() throws Exception {
        Path badConfig = dir.resolve("node.properties");
        Files.writeString(badConfig, "id=1\nlisten=127.0.0.1:7100\ndata-dir=" + dir + "\nlisen=typo\n");
        Path missingId = dir.resolve("partial.properties");
        Files.writeString(missingId, "listen=127.0.0.1:7100\n");
        String[][] cases = {
            {"node", "--id", "x"},
            {"node", "--listen", "127.0.0.1:7100", "--data-dir", dir.toString()},
            {"node", "--id", "1", "--listen", "nowhere", "--data-dir", dir.toString()},
            {"node", "--id", "1", "--listen", "127.0.0.1:7100", "--peers", "2=", "--data-dir", dir.toString()},
            {"node", "--id", "1", "--listen", "127.0.0.1:7100", "--data-dir", dir.toString(), "--consensus", "paxos"},
            {"node", "--id", "1", "--listen", "127.0.0.1:7100", "--data-dir", dir.toString(), "--consensus", "pbft",
                "--byzantine", "lie"},
            {"node", "--id", "1", "--listen", "127.0.0.1:7100", "--data-dir", dir.toString(), "--byzantine", "lie",
                "--test-faults"},
            {"node", "--id", "1", "--listen", "127.0.0.1:7100", "--data-dir", dir.toString(), "--consensus", "pbft",
                "--test-faults", "--byzantine", "grumpy"},
            {"node", "--config", dir.resolve("missing.properties").toString()},
            {"node", "--config", badConfig.toString()},
            {"node", "--config", missingId.toString(), "--data-dir", dir.toString()},
            {"local", "--nodes", "0", "--data-dir", dir.toString()},
            {"local", "--nodes", "3"},
            {"local", "--nodes", "3", "--data-dir", dir.toString(), "--consensus", "pbft-someday"},
            {"local", "--nodes", "3", "--data-dir", dir.toString(), "--state-store", "floppy"},
            {"kv", "--cluster", "nohost", "put", "a", "b"},
            {"kv", "put", "a", "b"},
            {"kv", "--cluster", "127.0.0.1:1", "get", "a", "--consistency", "eventual"},
            {"status"},
            {"bench", "kv", "--duration", "0"},
        };
        for (String[] args : cases) {
            CliRun.Outcome o = CliRun.run(args);
            String text = o.err();
            String what = String.join(" ", args) + " -> " + text;
            assertThat(o.exitCode()).as(what).isEqualTo(2);
            assertThat(text.lines().count()).as(what).isBetween(1L, 2L);
            assertThat(text).as(what).startsWith("synod ").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theTestOnlyByzantineFlagIsNotInTheHelp() throws Exception {
        CliRun.Outcome help = CliRun.run("node", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--test-faults").doesNotContainIgnoringCase("byzantine");
    }
}
