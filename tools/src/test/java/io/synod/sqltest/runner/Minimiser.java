package io.synod.sqltest.runner;

import io.synod.sqltest.script.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shrinks a finding's statement sequence by delta debugging (ddmin, complements only): drops
 * chunks of the statements before the disagreeing one while the last statement still disagrees
 * in the same way and nothing before it does. Then splits multi-row INSERTs into single rows
 * and shrinks again. Bounded by a number of replays and the runner's deadline, since each
 * replay runs on both systems.
 */
final class Minimiser {

    private final DifferentialRunner runner;
    private int budget;

    Minimiser(DifferentialRunner runner, int budget) {
        this.runner = runner;
        this.budget = budget;
    }

    Finding minimise(Finding finding) {
        Step last = finding.statement();
        List<Step> prefix = new ArrayList<>(finding.steps().subList(0, finding.steps().size() - 1));
        Finding[] best = {finding};
        prefix = ddmin(prefix, last, best);
        List<Step> split = split(prefix);
        if (split.size() > prefix.size() && budget > 0 && runner.beforeDeadline() && reproduces(split, last, best)) {
            ddmin(split, last, best);
        }
        return best[0];
    }

    private List<Step> ddmin(List<Step> steps, Step last, Finding[] best) {
        List<Step> current = steps;
        int granularity = 2;
        while (current.size() >= 1 && budget > 0 && runner.beforeDeadline()) {
            int chunks = Math.min(granularity, current.size());
            boolean reduced = false;
            for (int c = 0; c < chunks && budget > 0 && runner.beforeDeadline(); c++) {
                List<Step> complement = without(current, chunks, c);
                if (reproduces(complement, last, best)) {
                    current = complement;
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunks >= current.size()) {
                    break;
                }
                granularity = Math.min(current.size(), granularity * 2);
            }
        }
        return current;
    }

    private boolean reproduces(List<Step> prefix, Step last, Finding[] best) {
        budget--;
        List<Step> candidate = new ArrayList<>(prefix);
        candidate.add(last);
        Optional<DifferentialRunner.Replay> replay = runner.replay(best[0].testCase(), candidate);
        if (replay.isEmpty() || replay.get().mismatch().kind() != best[0].mismatch().kind()) {
            return false;
        }
        DifferentialRunner.Replay r = replay.get();
        best[0] = new Finding(best[0].testCase(), candidate, r.mismatch(), r.reference(), r.subject(), best[0].replay());
        return true;
    }

    private static List<Step> without(List<Step> steps, int chunks, int drop) {
        List<Step> out = new ArrayList<>();
        int size = steps.size();
        for (int c = 0; c < chunks; c++) {
            if (c != drop) {
                out.addAll(steps.subList(c * size / chunks, (c + 1) * size / chunks));
            }
        }
        return out;
    }

    private static List<Step> split(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            out.addAll(s.finer().isEmpty() ? List.of(s) : s.finer());
        }
        return out;
    }
}
