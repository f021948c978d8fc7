package io.synod.sqltest.runner;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How many generated cases to run and from which seed; system properties override the defaults
 * so a CI run stays within budget while a soak (-Dsqltest.cases=N) or a replay
 * (-Dsqltest.seed=S) uses the same tests.
 *
 * @param seed       the first case's seed; later cases' seeds follow from it, so case i of a run
 *                   is case 0 of a run started from its own seed
 * @param cases      cases to run at most
 * @param statements queries and DML statements per case, after schema and data
 * @param budget     wall-clock time after which no new case starts
 */
public record RunSettings(long seed, int cases, int statements, Duration budget) {

    public static final String SEED = "sqltest.seed";
    public static final String CASES = "sqltest.cases";
    public static final String STATEMENTS = "sqltest.statements";
    public static final String SECONDS = "sqltest.seconds";
    /** Threads of a generated run, each with its own pair of databases (where a test offers it). */
    public static final String WORKERS = "sqltest.workers";

    /** Defaults from the caller, overridden by the sqltest.* system properties. */
    public static RunSettings fromSystemProperties(int defaultCases, int defaultStatements, Duration defaultBudget) {
        String seed = System.getProperty(SEED);
        String cases = System.getProperty(CASES);
        String seconds = System.getProperty(SECONDS);
        // An explicit case count means "run that many": the time budget then applies only if given too.
        Duration budget = seconds != null ? Duration.ofSeconds(Long.parseLong(seconds))
            : cases != null ? Duration.ofDays(1) : defaultBudget;
        return new RunSettings(
            seed != null ? Long.parseLong(seed) : new SplittableRandom().nextLong(),
            cases != null ? Integer.parseInt(cases) : defaultCases,
            Integer.getInteger(STATEMENTS, defaultStatements),
            budget);
    }

    /** The seed of the case after the one seeded {@code seed} (SplitMix64's finaliser). */
    public static long nextSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The Maven command line that reruns one case of a test class. */
    public static String replayCommand(String testClass, long caseSeed, int statements) {
        return "mvn -B -o -pl tools -am test -Dtest=" + testClass + " -Dsurefire.failIfNoSpecifiedTests=false"
            + " -D" + SEED + "=" + caseSeed + " -D" + CASES + "=1 -D" + STATEMENTS + "=" + statements;
    }
}
