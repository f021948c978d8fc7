package io.synod.tools;

import io.synod.tools.CliRun.Outcome;
import org.junit.jupiter.api.Test;

import static io.synod.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class SynodCliTest {

    @Test
    void helpListsTheSimCommand() {
        Outcome o = run("--help");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("sim").contains("Usage: synod");
    }

    @Test
    void badFlagsGiveOneLineAndExitCodeTwo() {
        for (String[] args : new String[][] {
            {"sim", "--nodes", "0"},
            {"sim", "--faults", "gremlins"},
            {"sim", "--consensus", "carrier-pigeon"},
            {"sim", "--runs", "many"},
            {"sim", "--no-such-flag"},
        }) {
            Outcome o = run(args);
            assertThat(o.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.err().lines().count()).as(o.err()).isEqualTo(2);
            assertThat(o.err()).startsWith("synod sim: ").contains("Try 'synod sim --help'")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aSeededRunPassesAndPrintsTheSameDigestEveryTime() {
        Outcome first = run("sim", "--nodes", "3", "--seed", "7", "--runs", "1");
        Outcome second = run("sim", "--nodes", "3", "--seed", "7", "--runs", "1");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("PASS: 1 runs of 3 nodes, 0 failed, 0 violations").contains("trace digest ");
        String digest = first.out().lines().filter(l -> l.startsWith("trace digest ")).findFirst().orElseThrow();
        assertThat(second.out()).contains(digest);
    }

    @Test
    void severalRunsInParallelReportATotal() {
        Outcome o = run("sim", "--nodes", "5", "--seed", "100", "--runs", "6", "--jobs", "2");
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).contains("PASS: 6 runs of 5 nodes").contains("wall time").contains("peak heap");
    }
}
