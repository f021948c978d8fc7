package io.synod.sql.txn;

import io.synod.sql.kv.SqlKv;

import java.time.Duration;
import java.util.List;

/** Runs {@link BankWorkload} for tests of other packages (over other stores). */
public final class BankWorkloadAccess {

    /** What a run showed. */
    public record Outcome(long committed, List<String> violations, long finalTotal, long expectedTotal) {
    }

    private BankWorkloadAccess() {
    }

    public static Outcome run(SqlKv kv, int accounts, int threads, Duration duration) throws Exception {
        BankWorkload bank = new BankWorkload(kv, accounts, 1000);
        BankWorkload.Result r = bank.run(threads, duration, 7, false);
        System.out.println("bank run: " + r);
        return new Outcome(r.transfers() + r.splits() + r.merges() + r.audits(), r.violations(), r.finalTotal(),
                bank.total());
    }
}
