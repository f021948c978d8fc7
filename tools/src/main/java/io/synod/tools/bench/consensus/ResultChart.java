package io.synod.tools.bench.consensus;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The results as one PNG: a row per environment, with throughput per protocol and network
 * condition on the left and p50/p99/p999 latency (log scale) on the right.
 */
final class ResultChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private ResultChart() {
    }

    static void writePng(Path file, List<ConsensusResult> results) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();
        Set<String> environments = new LinkedHashSet<>();
        results.forEach(r -> environments.add(r.environment()));
        for (String environment : environments) {
            List<ConsensusResult> rows = results.stream().filter(r -> r.environment().equals(environment)).toList();
            boolean simulated = environment.equals(Environment.SIM.label);
            charts.add(throughput(environment, simulated, rows));
            charts.add(latency(environment, simulated, rows));
        }
        BitmapEncoder.saveBitmap(charts, environments.size(), 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart throughput(String environment, boolean simulated, List<ConsensusResult> rows) {
        CategoryChart chart = chart(environment + ": throughput", "network",
                simulated ? "ops per simulated second" : "ops per second");
        chart.getStyler().setLabelsVisible(true).setLabelsRotation(0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        for (String protocol : protocols(rows)) {
            List<String> conditions = new ArrayList<>();
            List<Number> opsPerSec = new ArrayList<>();
            for (ConsensusResult r : rows) {
                if (r.protocol().equals(protocol)) {
                    conditions.add(r.network());
                    opsPerSec.add(Math.round(r.opsPerSec()));
                }
            }
            chart.addSeries(label(protocol, rows), conditions, opsPerSec);
        }
        return chart;
    }

    private static CategoryChart latency(String environment, boolean simulated, List<ConsensusResult> rows) {
        CategoryChart chart = chart(environment + ": latency percentiles", "network, percentile",
                simulated ? "simulated ms (log)" : "ms (log)");
        // Bars on a log axis need a positive floor: the decade below the smallest figure.
        double smallest = rows.stream().mapToDouble(ConsensusResult::p50Ms).filter(ms -> ms > 0).min().orElse(1);
        chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        for (String protocol : protocols(rows)) {
            List<String> categories = new ArrayList<>();
            List<Number> millis = new ArrayList<>();
            for (ConsensusResult r : rows) {
                if (r.protocol().equals(protocol)) {
                    categories.addAll(List.of(r.network() + " p50", r.network() + " p99", r.network() + " p999"));
                    millis.addAll(List.of(positive(r.p50Ms()), positive(r.p99Ms()), positive(r.p999Ms())));
                }
            }
            chart.addSeries(label(protocol, rows), categories, millis);
        }
        return chart;
    }

    /** A phase that answered nothing has zero latencies, which a log axis cannot show. */
    private static double positive(double ms) {
        return Math.max(ms, 0.001);
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(20);
        return chart;
    }

    private static Set<String> protocols(List<ConsensusResult> rows) {
        Set<String> protocols = new LinkedHashSet<>();
        rows.forEach(r -> protocols.add(r.protocol()));
        return protocols;
    }

    private static String label(String protocol, List<ConsensusResult> rows) {
        int replicas = rows.stream().filter(r -> r.protocol().equals(protocol)).findFirst().orElseThrow().replicas();
        return protocol + " (" + replicas + " replicas)";
    }
}
