package io.synod.sql.txn;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.CommitOutcome;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.KvRequestLimits;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.ScanPage;
import io.synod.sql.kv.SqlKv;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A serializable transaction by optimistic validation. Writes are buffered; reads see them
 * merged over the store and record, for every store read, a {@link RangeCondition} over exactly
 * the key range observed, with the count seen and the revision it was served at. The commit
 * applies the writes iff every recorded read is still current, so a committed transaction is
 * equivalent to running alone at its commit revision. A read-only transaction with at most one
 * store read commits without a round trip (a single read is atomic). A key read again is answered
 * from the first read: the commit validates that read anyway, so a second store read could only
 * tell the transaction it is going to fail (a transfer's UPDATE re-reads the rows its SELECTs read).
 * A transaction that commits right after its statement (autocommit) may leave an insert's
 * uniqueness check to its commit ({@link #checkAbsent}), so a single-row insert is one round trip.
 *
 * <p>One per JDBC transaction; not thread-safe. After {@link #commit()} or {@link #rollback()}
 * (or a failed commit) every method throws {@link TransactionClosedException}.
 */
public final class Transaction {

    private static final long NO_EXPECTATION = -1;

    /** Where a transaction is in its life. */
    public enum State { ACTIVE, COMMITTED, ROLLED_BACK, FAILED }

    private record Undo(byte[] key, Mutation previous) {
    }

    /** A key the commit requires absent from the store; {@code duplicate} is the error if it is not. */
    private record AbsentKey(byte[] key, Supplier<? extends RuntimeException> duplicate) {
    }

    private final SqlKv kv;
    private final ReadConsistency consistency;
    private final TreeMap<byte[], Mutation> writes = new TreeMap<>(ByteKeys.ORDER);
    private final List<RangeCondition> reads = new ArrayList<>();
    private final List<AbsentKey> absentAtCommit = new ArrayList<>();
    /** What each {@link #get} found in the store (empty: absent), by key. */
    private final TreeMap<byte[], Optional<byte[]>> pointReads = new TreeMap<>(ByteKeys.ORDER);
    private final List<Undo> undo = new ArrayList<>();
    private final List<Savepoint> savepoints = new ArrayList<>();
    private int storeReads;
    private long lastReadRevision;
    private RangeCondition catalogRead;
    private long catalogVersion;
    private long expectedCatalogVersion = NO_EXPECTATION;
    /** The read that found {@link #expectedCatalogVersion} (null: unknown), checked by a commit that read nothing. */
    private RangeCondition expectedCatalogRead;
    private State state = State.ACTIVE;

    /** A transaction whose reads are linearizable. */
    public Transaction(SqlKv kv) {
        this(kv, ReadConsistency.LINEARIZABLE);
    }

    public Transaction(SqlKv kv, ReadConsistency consistency) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.consistency = Objects.requireNonNull(consistency, "consistency");
    }

    // ------------------------------------------------------------------ reads

    /** The value at {@code key} as this transaction sees it (its own writes first). */
    public Optional<byte[]> get(byte[] key) {
        ensureActive();
        Mutation buffered = writes.get(key);
        if (buffered != null) {
            return Optional.ofNullable(buffered.value());
        }
        Optional<byte[]> known = pointReads.get(key);
        if (known != null) {
            return known.map(byte[]::clone);
        }
        byte[] end = ByteKeys.keySuccessor(key);
        ScanPage page = storeScan(key, end, 1, false);
        record(key, end, page.entries().size(), page.revision());
        Optional<byte[]> found = page.entries().isEmpty() ? Optional.empty() : Optional.of(page.entries().get(0).value());
        pointReads.put(key.clone(), found);
        return found.map(byte[]::clone);
    }

    /**
     * Keys in {@code [start, end)} ({@code end} null: to the end of the key space) as this
     * transaction sees them, ascending or descending, at most {@code limit} ({@code 0}: all).
     * Entries from this transaction's own writes have mod revision 0. A limited scan records
     * a read only up to the last key it returns.
     */
    public List<KvEntry> scan(byte[] start, byte[] end, int limit, boolean reverse) {
        ensureActive();
        Objects.requireNonNull(start, "start");
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        List<KvEntry> out = new ArrayList<>();
        if (end != null && ByteKeys.compare(start, end) >= 0) {
            return out;
        }
        if (reverse) {
            scanDescending(start, end, limit, out);
        } else {
            scanAscending(start, end, limit, out);
        }
        return out;
    }

    private void scanAscending(byte[] start, byte[] end, int limit, List<KvEntry> out) {
        byte[] from = start;
        while (true) {
            ScanPage page = storeScan(from, end, pageLimit(limit, out.size(), from, end), false);
            List<KvEntry> found = page.entries();
            byte[] observedEnd = page.more() ? ByteKeys.keySuccessor(found.get(found.size() - 1).key()) : end;
            Filled filled = merge(found, range(from, observedEnd), false, limit, out);
            if (filled != null) {
                record(from, ByteKeys.keySuccessor(filled.lastKey()), filled.storeSeen(), page.revision());
                return;
            }
            record(from, observedEnd, found.size(), page.revision());
            if (!page.more()) {
                return;
            }
            from = observedEnd;
        }
    }

    private void scanDescending(byte[] start, byte[] end, int limit, List<KvEntry> out) {
        byte[] to = end;
        while (true) {
            ScanPage page = storeScan(start, to, pageLimit(limit, out.size(), start, to), true);
            List<KvEntry> found = page.entries();
            byte[] observedStart = page.more() ? found.get(found.size() - 1).key() : start;
            Filled filled = merge(found, range(observedStart, to), true, limit, out);
            if (filled != null) {
                record(filled.lastKey(), to, filled.storeSeen(), page.revision());
                return;
            }
            record(observedStart, to, found.size(), page.revision());
            if (!page.more()) {
                return;
            }
            to = observedStart;
        }
    }

    /** Where a merge stopped on reaching the limit: the last key emitted and the store entries seen up to it. */
    private record Filled(byte[] lastKey, int storeSeen) {
    }

    /**
     * Merges one store page ({@code found}, in scan order) with the buffered writes over the
     * range it observed into {@code out}, in scan order: a buffered write shadows the store entry
     * at its key and a buffered delete emits nothing. Returns where it stopped if {@code out}
     * reached {@code limit}, else null (the whole page was merged).
     */
    private static Filled merge(List<KvEntry> found, NavigableMap<byte[], Mutation> buffered, boolean reverse,
                                int limit, List<KvEntry> out) {
        Iterator<KvEntry> stored = found.iterator();
        Iterator<Map.Entry<byte[], Mutation>> pending =
                (reverse ? buffered.descendingMap() : buffered).entrySet().iterator();
        KvEntry s = next(stored);
        Map.Entry<byte[], Mutation> b = next(pending);
        int storeSeen = 0;
        while (s != null || b != null) {
            // c < 0: the store entry comes first in scan order; c == 0: same key, the buffer wins
            int c = s == null ? 1 : b == null ? -1
                    : reverse ? ByteKeys.compare(b.getKey(), s.key()) : ByteKeys.compare(s.key(), b.getKey());
            KvEntry emitted;
            byte[] key;
            if (c < 0) {
                storeSeen++;
                emitted = s;
                key = s.key();
                s = next(stored);
            } else {
                if (c == 0) {
                    storeSeen++;
                    s = next(stored);
                }
                key = b.getKey();
                emitted = b.getValue().isDelete() ? null : new KvEntry(key, b.getValue().value(), 0);
                b = next(pending);
            }
            if (emitted != null) {
                out.add(emitted);
                if (out.size() == limit) {
                    return new Filled(key, storeSeen);
                }
            }
        }
        return null;
    }

    /**
     * How many store entries to ask for: enough to fill the limit even if every buffered
     * delete in the range hides one of them, so one round trip usually suffices.
     */
    private int pageLimit(int limit, int have, byte[] start, byte[] end) {
        if (limit == 0) {
            return 0;
        }
        long want = limit - have;
        for (Mutation m : range(start, end).values()) {
            if (m.isDelete()) {
                want++;
            }
        }
        return (int) Math.min(want, Integer.MAX_VALUE);
    }

    private NavigableMap<byte[], Mutation> range(byte[] start, byte[] end) {
        return end == null ? writes.tailMap(start, true) : writes.subMap(start, true, end, false);
    }

    private static <T> T next(Iterator<T> it) {
        return it.hasNext() ? it.next() : null;
    }

    /**
     * A store read. The transaction's first one also reads the catalog version at the same
     * revision (the store's guard key), so the version costs no round trip of its own, and fails
     * with {@link CatalogChangedException} if it is not the one {@link #expectCatalogVersion}
     * named: what was read then follows a stale plan, and is not recorded.
     */
    private ScanPage storeScan(byte[] start, byte[] end, int limit, boolean reverse) {
        boolean learnsCatalog = catalogRead == null;
        ScanPage page = kv.scan(start, end, limit, reverse, consistency, learnsCatalog ? KeySpace.CATALOG_VERSION : null);
        storeReads++;
        lastReadRevision = page.revision();
        if (learnsCatalog) {
            noteCatalogVersion(page.guard(), page.revision());
        }
        return page;
    }

    /** Records the catalog version read at {@code revision}, then checks it against the expected one. */
    private void noteCatalogVersion(KvEntry entry, long revision) {
        byte[] key = KeySpace.CATALOG_VERSION;
        catalogVersion = entry == null ? 0 : KeySpace.decodeCatalogVersion(entry.value());
        catalogRead = new RangeCondition(key, ByteKeys.keySuccessor(key), entry == null ? 0 : 1, revision);
        if (expectedCatalogVersion != NO_EXPECTATION && expectedCatalogVersion != catalogVersion) {
            throw new CatalogChangedException(expectedCatalogVersion, catalogVersion);
        }
    }

    private void record(byte[] start, byte[] end, int count, long revision) {
        reads.add(new RangeCondition(start, end, count, revision));
    }

    /**
     * The committed catalog version, read once per transaction (for plan caching). The read
     * joins the commit's conditions only if the transaction writes or makes more than one data
     * read, so a DDL committed in between fails such a commit with 40001. A version this
     * transaction itself bumps (a DDL in it) is not reflected: see {@link #writesCatalog()}.
     */
    public long readCatalogVersion() {
        ensureActive();
        if (catalogRead == null) {
            byte[] key = KeySpace.CATALOG_VERSION;
            ScanPage page = kv.scan(key, ByteKeys.keySuccessor(key), 1, false, consistency);
            noteCatalogVersion(page.entries().isEmpty() ? null : page.entries().get(0), page.revision());
        }
        return catalogVersion;
    }

    /**
     * The read of the catalog version this transaction knows, as a condition: it holds at a later
     * commit (of any transaction) iff the version is still the same.
     */
    public RangeCondition catalogVersionRead() {
        if (catalogRead == null) {
            throw new IllegalStateException("the catalog version is not known yet");
        }
        return catalogRead;
    }

    /** Whether the catalog version is known (read, or learnt with the first store read), so reading it is free. */
    public boolean knowsCatalogVersion() {
        return catalogRead != null;
    }

    /**
     * A statement planned against catalog {@code version} runs next: if the catalog version is
     * not known yet, the first store read checks it (see {@link CatalogChangedException}). A
     * transaction that writes without reading checks it at commit: with {@code versionRead}
     * (the {@link #catalogVersionRead} of the transaction that planned) as one more condition of
     * the commit, else by reading the version first.
     */
    public void expectCatalogVersion(long version, RangeCondition versionRead) {
        ensureActive();
        expectedCatalogVersion = version;
        expectedCatalogRead = versionRead;
    }

    /** Whether this transaction has buffered catalog changes (then read the catalog through it, not a cache). */
    public boolean writesCatalog() {
        ensureActive();
        return !range(KeySpace.CATALOG_PREFIX, ByteKeys.prefixEnd(KeySpace.CATALOG_PREFIX)).isEmpty();
    }

    // ------------------------------------------------------------------ writes

    /**
     * Checks that {@code key} is absent as this transaction sees it (an insert's primary key or
     * unique index entry) and throws {@code duplicate}'s exception if it is not. With
     * {@code deferUnseen} and a key this transaction has neither read nor written, the store is
     * not read now: the commit requires the key absent and, if it is present, fails with
     * {@code duplicate}'s exception, writing nothing. Only for a transaction committed right
     * after the statement (autocommit), where failing the commit is failing the statement.
     */
    public void checkAbsent(byte[] key, Supplier<? extends RuntimeException> duplicate, boolean deferUnseen) {
        ensureActive();
        if (deferUnseen && !writes.containsKey(key) && !pointReads.containsKey(key)) {
            KvRequestLimits.checkKey(key);
            absentAtCommit.add(new AbsentKey(key.clone(), duplicate));
            return;
        }
        if (get(key).isPresent()) {
            throw duplicate.get();
        }
    }

    /** Buffers a put of {@code value} at {@code key} (both copied). */
    public void put(byte[] key, byte[] value) {
        ensureActive();
        KvRequestLimits.checkKey(key);
        KvRequestLimits.checkValue(value);
        buffer(Mutation.put(key.clone(), value.clone()));
    }

    /** Buffers a delete of {@code key}. */
    public void delete(byte[] key) {
        ensureActive();
        KvRequestLimits.checkKey(key);
        buffer(Mutation.delete(key.clone()));
    }

    private void buffer(Mutation m) {
        Mutation previous = writes.put(m.key(), m);
        if (!savepoints.isEmpty()) {
            undo.add(new Undo(m.key(), previous));
        }
    }

    /** Whether any write is buffered. */
    public boolean hasWrites() {
        ensureActive();
        return !writes.isEmpty();
    }

    // ------------------------------------------------------------------ savepoints

    /** A savepoint: {@link #rollbackTo} undoes the writes buffered after it. */
    public Savepoint mark() {
        ensureActive();
        Savepoint savepoint = new Savepoint(undo.size());
        savepoints.add(savepoint);
        return savepoint;
    }

    /**
     * Undoes every write buffered since {@code savepoint}, which stays valid; savepoints made
     * after it are discarded. Reads made since stay recorded: what they saw may have reached
     * the client (an error message, a branch taken), so they must still be validated.
     */
    public void rollbackTo(Savepoint savepoint) {
        ensureActive();
        int index = indexOf(savepoint);
        for (int i = undo.size() - 1; i >= savepoint.undoPosition; i--) {
            Undo u = undo.remove(i);
            if (u.previous() == null) {
                writes.remove(u.key());
            } else {
                writes.put(u.key(), u.previous());
            }
        }
        savepoints.subList(index + 1, savepoints.size()).clear();
    }

    /** Forgets {@code savepoint} and those made after it, keeping their writes. */
    public void release(Savepoint savepoint) {
        ensureActive();
        savepoints.subList(indexOf(savepoint), savepoints.size()).clear();
        if (savepoints.isEmpty()) {
            undo.clear();
        }
    }

    private int indexOf(Savepoint savepoint) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i) == savepoint) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a live savepoint of this transaction");
    }

    // ------------------------------------------------------------------ end

    /**
     * Commits: with no writes and at most one store read there is nothing to validate;
     * otherwise one conditional commit. Returns the revision the transaction is serialized at.
     *
     * @throws TransactionConflictException if a read is no longer current (nothing written)
     */
    public long commit() {
        ensureActive();
        // Writes of a plan whose catalog version no read has confirmed: the planner's read of it
        // joins the conditions (no round trip), or without one it is read now.
        boolean planCatalogUnconfirmed = catalogRead == null && expectedCatalogVersion != NO_EXPECTATION
                && !writes.isEmpty();
        if (planCatalogUnconfirmed && expectedCatalogRead == null) {
            readCatalogVersion();
        }
        if (writes.isEmpty() && storeReads <= 1) {
            state = State.COMMITTED;
            return lastReadRevision;
        }
        state = State.FAILED;
        List<RangeCondition> conditions = new ArrayList<>(reads.size() + absentAtCommit.size() + 1);
        conditions.addAll(reads);
        RangeCondition catalogCondition = catalogRead != null ? catalogRead
                : planCatalogUnconfirmed ? expectedCatalogRead : null;
        if (catalogCondition != null) {
            conditions.add(catalogCondition);
        }
        // Last, so that a failed one means every read held: the key was taken, not the reads stale.
        int firstAbsent = conditions.size();
        List<AbsentKey> absent = new ArrayList<>();
        for (AbsentKey a : absentAtCommit) {
            if (writes.containsKey(a.key())) {
                absent.add(a);
                conditions.add(new RangeCondition(a.key(), ByteKeys.keySuccessor(a.key()), 0, Long.MAX_VALUE));
            }
        }
        CommitOutcome outcome = kv.commit(conditions, List.copyOf(writes.values()));
        if (!outcome.committed()) {
            int failed = outcome.failedCondition();
            if (failed >= firstAbsent && failed < conditions.size()) {
                throw absent.get(failed - firstAbsent).duplicate().get();
            }
            if (failed >= 0 && failed < conditions.size() && conditions.get(failed) == catalogCondition
                    && catalogRead == null) {
                throw new CatalogChangedException(expectedCatalogVersion);
            }
            throw new TransactionConflictException(failed >= 0 && failed < conditions.size()
                    ? conditions.get(failed) : conditions.get(0));
        }
        state = State.COMMITTED;
        return outcome.revision();
    }

    /** Drops the buffered writes; the store is untouched. Harmless on a failed transaction. */
    public void rollback() {
        if (state == State.COMMITTED) {
            throw new TransactionClosedException("the transaction has already committed");
        }
        state = State.ROLLED_BACK;
        writes.clear();
        pointReads.clear();
        absentAtCommit.clear();
        undo.clear();
        savepoints.clear();
    }

    public State state() {
        return state;
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public ReadConsistency consistency() {
        return consistency;
    }

    private void ensureActive() {
        if (state != State.ACTIVE) {
            throw new TransactionClosedException("the transaction is " + switch (state) {
                case COMMITTED -> "committed";
                case ROLLED_BACK -> "rolled back";
                case FAILED -> "failed; roll it back";
                case ACTIVE -> "active";
            } + " and can no longer be used");
        }
    }
}
