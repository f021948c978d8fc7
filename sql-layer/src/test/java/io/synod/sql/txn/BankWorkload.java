package io.synod.sql.txn;

import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.SqlKv;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bank accounts under concurrent transactions: transfers (point reads), splits (insert a new
 * account: a phantom for scans), merges (find an account by a limited scan, delete it) and
 * auditors that sum every balance with one or two scans. Money is conserved by every
 * transaction, so a serializable store shows every committed auditor the same total, and the
 * store ends with it. Each thread gets its own seeded random source.
 */
final class BankWorkload {

    static final byte[] PREFIX = {0x10};
    static final byte[] END = ByteKeys.prefixEnd(PREFIX);

    /** What a run did and what it saw. */
    record Result(long transfers, long splits, long merges, long audits, long conflicts,
                  List<String> violations, long finalTotal) {
    }

    private final SqlKv kv;
    private final int accounts;
    private final long total;
    private final AtomicLong transfers = new AtomicLong();
    private final AtomicLong splits = new AtomicLong();
    private final AtomicLong merges = new AtomicLong();
    private final AtomicLong audits = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    BankWorkload(SqlKv kv, int accounts, long balance) {
        this.kv = kv;
        this.accounts = accounts;
        this.total = accounts * balance;
        Transaction setup = new Transaction(kv);
        for (int i = 0; i < accounts; i++) {
            setup.put(account(i * 1000), encode(balance));
        }
        setup.commit();
    }

    long total() {
        return total;
    }

    Result run(int threads, Duration duration, long seed, boolean stopAtFirstViolation) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed * 31 + t);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline && !(stopAtFirstViolation && !violations.isEmpty())) {
                        step(random);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Transaction check = new Transaction(kv);
        long finalTotal = sum(check.scan(PREFIX, END, 0, false));
        check.commit();
        return new Result(transfers.get(), splits.get(), merges.get(), audits.get(), conflicts.get(),
                List.copyOf(violations), finalTotal);
    }

    private void step(Random random) {
        Transaction tx = new Transaction(kv);
        try {
            int kind = random.nextInt(10);
            if (kind < 4) {
                transfer(tx, random);
                tx.commit();
                transfers.incrementAndGet();
            } else if (kind < 5) {
                split(tx, random);
                tx.commit();
                splits.incrementAndGet();
            } else if (kind < 6) {
                merge(tx, random);
                tx.commit();
                merges.incrementAndGet();
            } else {
                long seen = audit(tx, random);
                tx.commit();
                audits.incrementAndGet();
                if (seen != total) {
                    violations.add("a committed audit saw " + seen + " instead of " + total);
                }
            }
        } catch (TransactionConflictException e) {
            conflicts.incrementAndGet();
        }
    }

    /** Moves a random amount between two accounts, each found by a one-key scan from a random point. */
    private void transfer(Transaction tx, Random random) {
        Optional<KvEntry> from = someAccount(tx, random);
        Optional<KvEntry> to = someAccount(tx, random);
        if (from.isEmpty() || to.isEmpty() || ByteKeys.compare(from.get().key(), to.get().key()) == 0) {
            return;
        }
        long available = decode(from.get().value());
        long amount = available == 0 ? 0 : 1 + (long) random.nextInt((int) Math.min(available, 50));
        // Read again by point. Optimistic reads are not a snapshot: the account may be gone by
        // now, and then this transaction cannot commit anyway (its scan's condition fails).
        Optional<byte[]> target = tx.get(to.get().key());
        if (target.isEmpty()) {
            return;
        }
        tx.put(from.get().key(), encode(available - amount));
        tx.put(to.get().key(), encode(decode(target.get()) + amount));
    }

    /** Moves half of an account into a new account (an insert into the audited range). */
    private void split(Transaction tx, Random random) {
        Optional<KvEntry> from = someAccount(tx, random);
        byte[] fresh = account(random.nextInt(accounts * 1000));
        if (from.isEmpty() || tx.get(fresh).isPresent()) {
            return;
        }
        long balance = decode(from.get().value());
        tx.put(from.get().key(), encode(balance - balance / 2));
        tx.put(fresh, encode(balance / 2));
    }

    /** The first account at or after (or before) a random point, by a limited scan. */
    private Optional<KvEntry> someAccount(Transaction tx, Random random) {
        byte[] point = account(random.nextInt(accounts * 1000));
        List<KvEntry> found = random.nextBoolean() ? tx.scan(point, END, 1, false) : tx.scan(PREFIX, point, 1, true);
        return found.stream().findFirst();
    }

    /** Finds the first (or last) account by a limited scan, folds it into the next one and deletes it. */
    private void merge(Transaction tx, Random random) {
        boolean reverse = random.nextBoolean();
        List<KvEntry> two = tx.scan(PREFIX, END, 2, reverse);
        if (two.size() < 2) {
            return;
        }
        tx.delete(two.get(0).key());
        tx.put(two.get(1).key(), encode(decode(two.get(0).value()) + decode(two.get(1).value())));
    }

    /** Sums every balance: one full scan, or two limited scans that meet in the middle. */
    private long audit(Transaction tx, Random random) {
        if (random.nextBoolean()) {
            return sum(tx.scan(PREFIX, END, 0, random.nextBoolean()));
        }
        List<KvEntry> head = tx.scan(PREFIX, END, 1 + random.nextInt(accounts), false);
        if (head.isEmpty()) {
            return 0;
        }
        byte[] after = ByteKeys.keySuccessor(head.get(head.size() - 1).key());
        return sum(head) + sum(tx.scan(after, END, 0, true));
    }

    private static long sum(List<KvEntry> entries) {
        return entries.stream().mapToLong(e -> decode(e.value())).sum();
    }

    static byte[] account(int id) {
        return ByteBuffer.allocate(5).put(PREFIX[0]).putInt(id).array();
    }

    static byte[] encode(long balance) {
        return ByteBuffer.allocate(Long.BYTES).putLong(balance).array();
    }

    static long decode(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }
}
