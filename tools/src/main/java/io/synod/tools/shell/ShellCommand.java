package io.synod.tools.shell;

import io.synod.tools.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code synod shell}: the SQL shell (sqlline) connected to a cluster through the JDBC driver. */
@Command(
        name = "shell",
        header = "Opens the SQL shell (sqlline) on a Synod cluster.",
        mixinStandardHelpOptions = true,
        description = {
            "Opens sqlline, the SQL shell, on a Synod cluster through the JDBC driver. With -e it runs",
            "the given SQL and exits; with -f it runs a script file and exits. Exit code 1 if a",
            "statement failed."},
        footer = {"", "Examples:",
            "  synod shell                                          # the cluster 'synod local' starts by default",
            "  synod shell --url jdbc:synod://10.0.0.1:7100,10.0.0.2:7100/",
            "  synod shell -e \"SELECT * FROM sys.nodes\"",
            "  synod shell --url jdbc:synod:mem: -f schema.sql"})
public final class ShellCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL (default: ${DEFAULT-VALUE}).")
    private String url = JdbcUrls.DEFAULT_LOCAL;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Run these statements and exit.")
    private String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements in FILE and exit.")
    private Path file;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "synod", description = "User name (default: ${DEFAULT-VALUE}).")
    private String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", defaultValue = "", description = "Password.")
    private String password;

    @Override
    public Integer call() throws Exception {
        if (sql != null && file != null) {
            throw new UserError("give either -e SQL or -f FILE, not both");
        }
        if (!url.startsWith("jdbc:synod:")) {
            throw new UserError("--url must be a Synod JDBC URL (jdbc:synod://host:port,.../, jdbc:synod:mem: or "
                    + "jdbc:synod:file:DIR), got '" + url + "'");
        }
        if (file != null && !Files.isReadable(file)) {
            throw new UserError("cannot read " + file);
        }
        SqlShell shell = new SqlShell(url, user, password);
        boolean ok;
        if (sql != null) {
            ok = shell.execute(sql, System.in);
        } else if (file != null) {
            ok = shell.script(file.toString(), System.in);
        } else {
            ok = shell.interactive(System.in);
        }
        return ok ? 0 : 1;
    }
}
