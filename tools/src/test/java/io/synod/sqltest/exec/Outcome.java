package io.synod.sqltest.exec;

import java.util.List;

/** What one statement did on one system, in a form comparable across systems. */
public sealed interface Outcome {

    /** Whether the statement failed. */
    default boolean failed() {
        return this instanceof Failed;
    }

    /** A short rendering for reports. */
    String describe();

    /**
     * A result set, values normalised by {@link Values#normalise}.
     *
     * @param labels    column labels as the system reported them (not compared: case differs)
     * @param rows      rows in the order the system returned them
     * @param truncated true if the system returned more than the harness reads
     */
    record Rows(List<String> labels, List<List<Object>> rows, boolean truncated) implements Outcome {
        public Rows {
            labels = List.copyOf(labels);
            rows = List.copyOf(rows);
        }

        public int columnCount() {
            return labels.size();
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(rows.size()).append(rows.size() == 1 ? " row" : " rows")
                .append(truncated ? " (truncated)" : "").append(", columns ").append(labels);
            int shown = Math.min(rows.size(), 30);
            for (int i = 0; i < shown; i++) {
                b.append("\n      ").append(Values.renderRow(rows.get(i)));
            }
            if (shown < rows.size()) {
                b.append("\n      ... ").append(rows.size() - shown).append(" more");
            }
            return b.toString();
        }
    }

    /** An update count (DML), or success without one (DDL). */
    record Count(long count) implements Outcome {
        @Override
        public String describe() {
            return count < 0 ? "ok" : "ok, update count " + count;
        }
    }

    /** A failure. */
    record Failed(ErrorClass errorClass, String sqlState, int vendorCode, String message) implements Outcome {
        @Override
        public String describe() {
            return "error " + errorClass + " (SQLState " + sqlState + ", code " + vendorCode + "): " + message;
        }
    }
}
