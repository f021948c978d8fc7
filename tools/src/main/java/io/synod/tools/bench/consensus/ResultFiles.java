package io.synod.tools.bench.consensus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the results as a markdown table, CSV and JSON. */
final class ResultFiles {

    /** The JSON file's shape: the settings, then one entry per protocol, environment and condition. */
    record Report(String command, int clients, int keys, int valueBytes, long seed, String simulatedSetting,
                  String machine, List<ConsensusResult> results) {
    }

    private static final String[] COLUMNS = {"environment", "protocol", "replicas", "network", "clients",
        "ops/s", "p50 ms", "p99 ms", "p999 ms", "max ms", "errors", "checks"};

    private ResultFiles() {
    }

    static void writeMarkdown(Path file, Report report) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", COLUMNS) + " |");
        lines.add("|" + " --- |".repeat(COLUMNS.length));
        for (ConsensusResult r : report.results()) {
            lines.add("| " + String.join(" | ", cells(r)) + " |");
        }
        lines.add("");
        lines.add("Network \"variable\": " + variableDetail(report) + " on every message between replicas. "
                + "Simulator figures are in simulated time (" + report.simulatedSetting() + "). "
                + report.clients() + " closed-loop clients, half puts and half linearizable gets over "
                + report.keys() + " keys, seed " + report.seed() + ".");
        lines.add("");
        lines.add("Machine: " + report.machine() + ".");
        lines.add("");
        lines.add("Command: `" + report.command() + "`");
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static void writeCsv(Path file, Report report) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("environment,protocol,replicas,network,network_detail,clients,seconds,ops,errors,ops_per_sec,"
                + "p50_ms,p99_ms,p999_ms,max_ms,checks_passed");
        for (ConsensusResult r : report.results()) {
            lines.add(String.join(",", r.environment(), r.protocol(), Integer.toString(r.replicas()), r.network(),
                    "\"" + r.networkDetail() + "\"", Integer.toString(r.clients()), fmt("%.1f", r.seconds()),
                    Long.toString(r.ops()), Long.toString(r.errors()), fmt("%.1f", r.opsPerSec()),
                    fmt("%.3f", r.p50Ms()), fmt("%.3f", r.p99Ms()), fmt("%.3f", r.p999Ms()), fmt("%.3f", r.maxMs()),
                    Boolean.toString(r.checksPassed())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static void writeJson(Path file, Report report) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }

    static List<String> cells(ConsensusResult r) {
        return List.of(r.environment(), r.protocol(), Integer.toString(r.replicas()), r.network(),
                Integer.toString(r.clients()), fmt("%,.0f", r.opsPerSec()), fmt("%.2f", r.p50Ms()),
                fmt("%.2f", r.p99Ms()), fmt("%.2f", r.p999Ms()), fmt("%.2f", r.maxMs()), Long.toString(r.errors()),
                r.environment().equals(Environment.SIM.label) ? (r.checksPassed() ? "passed" : "FAILED") : "-");
    }

    private static String variableDetail(Report report) {
        return report.results().stream().filter(r -> !r.network().equals(NetCondition.NONE.name())).findFirst()
                .map(ConsensusResult::networkDetail).orElse("not measured");
    }

    private static String fmt(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
