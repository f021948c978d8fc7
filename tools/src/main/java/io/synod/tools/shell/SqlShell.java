package io.synod.tools.shell;

import sqlline.SqlLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs sqlline with the Synod driver: interactively, or on one command ({@code -e}) or a script
 * ({@code -f}) and then exits.
 */
public final class SqlShell {

    static final String DRIVER_CLASS = "io.synod.jdbc.SynodDriver";

    private final String url;
    private final String user;
    private final String password;

    public SqlShell(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** An interactive session on {@code in}; returns when the user quits or the input ends. */
    public boolean interactive(InputStream in) throws IOException {
        return run(List.of(), in);
    }

    /** Runs {@code sql} (one or more statements separated by semicolons) and exits. */
    public boolean execute(String sql, InputStream in) throws IOException {
        return run(List.of("-e", sql), in);
    }

    /** Runs the script in {@code file} and exits. */
    public boolean script(String file, InputStream in) throws IOException {
        return run(List.of("-f", file), in);
    }

    private boolean run(List<String> action, InputStream in) throws IOException {
        // A missing terminal (pipes, CI) is expected here, not worth JLine's warning.
        System.setProperty("org.jline.terminal.dumb", "true");
        List<String> args = new ArrayList<>(List.of("-d", DRIVER_CLASS, "-u", url, "-n", user, "-p", password,
                "--isolation=TRANSACTION_SERIALIZABLE", "--showWarnings=false", "--fastConnect=true",
                "--maxWidth=160", "--nullValue=NULL"));
        args.addAll(action);
        SqlLine.Status status = SqlLine.start(args.toArray(String[]::new), in, action.isEmpty());
        return status == SqlLine.Status.OK;
    }
}
