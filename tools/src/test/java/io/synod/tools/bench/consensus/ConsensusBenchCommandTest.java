package io.synod.tools.bench.consensus;

import io.synod.tools.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsensusBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void simulatedRunsWriteTableDataAndChart() throws Exception {
        Path out = dir.resolve("out");
        CliRun.Outcome run = CliRun.run("bench", "consensus", "--environments", "sim", "--sim-seconds", "1",
                "--clients", "4", "--keys", "40", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("simulator: raft, network none").contains("simulator: multipaxos")
                .contains("simulator: pbft");

        List<String> csv = Files.readAllLines(out.resolve("consensus.csv"));
        assertThat(csv).as("header, then raft, multipaxos and pbft under two networks").hasSize(1 + 3 * 2);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertThat(cells[0]).isEqualTo("simulator");
            assertThat(Long.parseLong(cells[7])).as("ops of " + row).isGreaterThan(100);
            assertThat(cells[14]).as("checks of " + row).isEqualTo("true");
        }
        assertThat(csv.get(2)).as("raft under the variable network")
                .contains(",variable,\"+2 ms, jitter 1 ms, loss 1%\",");

        assertThat(Files.readString(out.resolve("consensus.md")))
                .contains("| environment | protocol | replicas | network |").contains("| simulator | multipaxos | 3 |")
                .contains("| simulator | pbft | 4 |")
                .contains("Command: `./synod bench consensus --environments sim --sim-seconds 1 ");
        assertThat(Files.readString(out.resolve("consensus.json"))).contains("\"p999Ms\"");
        BufferedImage chart = ImageIO.read(out.resolve("consensus.png").toFile());
        assertThat(chart.getWidth()).isGreaterThan(chart.getHeight());
    }

    @Test
    void unknownProtocolIsAUsageError() {
        CliRun.Outcome run = CliRun.run("bench", "consensus", "--protocols", "nope", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown protocol 'nope'").contains("raft, multipaxos, pbft");
        assertThat(dir).isEmptyDirectory();
    }
}
