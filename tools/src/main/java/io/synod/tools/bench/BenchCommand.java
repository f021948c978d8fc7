package io.synod.tools.bench;

import io.synod.tools.bench.consensus.ConsensusBenchCommand;
import picocli.CommandLine.Command;

/** {@code synod bench}: measurements; one subcommand per workload. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures throughput and latency of a cluster.",
        subcommands = {KvBenchCommand.class, SqlBenchCommand.class, ConsensusBenchCommand.class})
public final class BenchCommand {
}
