package io.synod.tools.shell;

import io.synod.tools.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code synod shell} on an embedded database. */
class SqlShellTest {

    /**
     * The shell asks sqlline for SERIALIZABLE, which sqlline first checks with
     * supportsTransactionIsolationLevel: a driver denying it made every session start with a warning.
     */
    @Test
    void connectingPrintsNoIsolationWarningAndRunsSql() {
        CliRun.Outcome run = CliRun.run("shell", "--url", "jdbc:synod:mem:", "-e",
                "SELECT COUNT(*) AS tables_seen FROM sys.nodes");
        String all = run.out() + run.err();
        assertThat(run.exitCode()).as(all).isZero();
        assertThat(all).contains("TABLES_SEEN");
        assertThat(all).doesNotContainIgnoringCase("not supported").doesNotContainIgnoringCase("isolation");
    }
}
