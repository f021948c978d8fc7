package io.synod.tools;

import io.synod.tools.bench.BenchCommand;
import io.synod.tools.demo.DemoCommand;
import io.synod.tools.keygen.KeygenCommand;
import io.synod.tools.kv.KvCommand;
import io.synod.tools.local.LocalCommand;
import io.synod.tools.node.NodeCommand;
import io.synod.tools.sim.SimCommand;
import io.synod.tools.status.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code synod} command: one entry point for running, testing and measuring Synod. */
@Command(
        name = "synod",
        mixinStandardHelpOptions = true,
        versionProvider = SynodVersion.class,
        description = "Synod: a fault-tolerant distributed SQL database with pluggable consensus.",
        subcommands = {DemoCommand.class, NodeCommand.class, LocalCommand.class, KvCommand.class, StatusCommand.class,
            BenchCommand.class, SimCommand.class, KeygenCommand.class, CommandLine.HelpCommand.class})
public final class SynodCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new SynodCli())
                // Descriptions are written as lines of up to 95 characters.
                .setUsageHelpWidth(100)
                .setParameterExceptionHandler(new OneLineErrors())
                .setExecutionExceptionHandler(new OneLineErrors())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
