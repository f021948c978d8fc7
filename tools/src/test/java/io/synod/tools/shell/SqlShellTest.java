package io.synod.tools.shell;

import io.synod.tools.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code synod shell} on an embedded database, in its own JVM (sqlline exits the JVM after -e). */
class SqlShellTest {

    /**
     * The shell asks sqlline for SERIALIZABLE, which sqlline first checks with
     * supportsTransactionIsolationLevel: a driver denying it made every session start with
     * "Transaction isolation level TRANSACTION_SERIALIZABLE is not supported".
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void connectingPrintsNoIsolationWarningAndRunsSql() throws Exception {
        List<String> command = new ArrayList<>(LocalCluster.javaCommand());
        command.addAll(List.of("shell", "--url", "jdbc:synod:mem:", "-e",
                "SELECT COUNT(*) AS nodes_seen FROM sys.nodes"));
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            shell.getOutputStream().close();
            String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).as(output).isZero();
            assertThat(output).contains("NODES_SEEN");
            assertThat(output).doesNotContainIgnoringCase("not supported").doesNotContainIgnoringCase("isolation");
        } finally {
            shell.destroyForcibly();
        }
    }
}
