package io.synod.crypto.bench;

import com.sun.management.OperatingSystemMXBean;
import io.synod.crypto.batch.BatchVerifier;
import io.synod.crypto.batch.ParallelBatchVerifier;
import io.synod.crypto.batch.SequentialBatchVerifier;
import io.synod.crypto.batch.SignedMessage;
import io.synod.crypto.cert.CertificateCodec;
import io.synod.crypto.cert.CertificateVerifier;
import io.synod.crypto.cert.InvalidCertificateException;
import io.synod.crypto.cert.QuorumCertificate;
import io.synod.crypto.cert.QuorumCertificateBuilder;
import io.synod.crypto.cert.Statement;
import io.synod.crypto.digest.Digest;
import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.key.PublicKey;
import io.synod.crypto.sign.CachingVerifier;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.Ed25519Signer;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Signer;
import io.synod.crypto.sign.Verifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * Measures signing, verification, batch and certificate costs on this machine; run by hand, never
 * in the test suite:
 *
 * <pre>
 *   java -cp tools/target/synod.jar io.synod.crypto.bench.CryptoBenchmark [seconds per measurement]
 * </pre>
 *
 * Each figure is the best of three runs of the given length (default 2 s) after a warm-up, which
 * on a shared machine is the figure least disturbed by other work. The numbers quoted in the
 * module's package comment come from this program.
 */
public final class CryptoBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long runNanos;
    private volatile int sink;

    private CryptoBenchmark(double seconds) {
        this.runNanos = (long) (seconds * 1e9);
    }

    public static void main(String[] args) throws InvalidCertificateException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        new CryptoBenchmark(seconds).run();
    }

    private void run() throws InvalidCertificateException {
        System.out.printf("cores available: %d, load average: %.1f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Cluster c4 = new Cluster(4);
        Signer signer = new Ed25519Signer(c4.pairs.get(0));
        Verifier verifier = new Ed25519Verifier(c4.keys);
        SignBytes prepare = SignBytes.builder(Domain.PREPARE).putLong(1).putLong(7).putLong(123_456)
                .putDigest(Digest.sha256(new byte[] {1})).build();
        Signature signature = signer.sign(prepare);

        report("sign (%d-byte message)".formatted(prepare.length()), () -> signer.sign(prepare).hashCode());
        report("verify", () -> verifier.verify(1, prepare, signature) ? 1 : 0);
        CachingVerifier cached = new CachingVerifier(verifier, 10_000);
        report("verify, cache hit", () -> cached.verify(1, prepare, signature) ? 1 : 0);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BatchVerifier sequential = new SequentialBatchVerifier(verifier);
            BatchVerifier parallel = new ParallelBatchVerifier(verifier, pool, 2, 2);
            for (int size : new int[] {3, 7, 16, 64, 256}) {
                List<SignedMessage> batch = batch(c4, size);
                double[] seq = processRates(() -> sequential.verifyAll(batch).cardinality());
                double[] par = processRates(() -> parallel.verifyAll(batch).cardinality());
                System.out.printf("  batch of %3d: sequential %,7.0f verifications/s wall (%.0f us CPU each),"
                        + " parallel (2 threads) %,7.0f/s wall (%.0f us CPU each): x%.2f wall%n", size, seq[0] * size,
                        1e6 / (seq[1] * size), par[0] * size, 1e6 / (par[1] * size), par[0] / seq[0]);
            }
            for (int n : new int[] {4, 7, 10}) {
                Cluster cluster = n == 4 ? c4 : new Cluster(n);
                QuorumCertificate qc = cluster.certificate();
                Statement statement = qc.statement();
                byte[] encoded = CertificateCodec.encode(qc);
                CertificateVerifier seqVerifier = new CertificateVerifier(cluster.keys,
                        new SequentialBatchVerifier(new Ed25519Verifier(cluster.keys)));
                CertificateVerifier parVerifier = new CertificateVerifier(cluster.keys,
                        new ParallelBatchVerifier(new Ed25519Verifier(cluster.keys), pool, 2, 2));
                double[] seqRates = bestOfThree(() -> verifyCertificate(seqVerifier, encoded, statement));
                double parRate = rate(() -> verifyCertificate(parVerifier, encoded, statement));
                System.out.printf("  certificate n=%2d (%d signatures, %d bytes): decode+verify sequential %.0f us CPU"
                        + " (%.0f us wall), parallel %.0f us wall%n", n, qc.size(), encoded.length, 1e6 / seqRates[1],
                        1e6 / seqRates[0], 1e6 / parRate);
            }
        } finally {
            pool.shutdownNow();
        }
        QuorumCertificate signed = c4.certificate();
        report("certificate builder n=4 (3 verified adds)", () -> c4.build(signed).size());
        System.out.println("(sink " + sink + ")");
    }

    private static int verifyCertificate(CertificateVerifier verifier, byte[] encoded, Statement statement) {
        try {
            verifier.verify(CertificateCodec.decode(encoded), statement);
            return 1;
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException("benchmark certificate must verify", e);
        }
    }

    private static List<SignedMessage> batch(Cluster cluster, int size) {
        List<SignedMessage> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long id = 1 + i % cluster.pairs.size();
            SignBytes bytes = SignBytes.builder(Domain.COMMIT).putLong(1).putLong(i).build();
            batch.add(new SignedMessage(id, bytes, new Ed25519Signer(cluster.pairs.get((int) id - 1)).sign(bytes)));
        }
        return batch;
    }

    /** Operations per wall-clock second: best of three timed runs after one warm-up run. */
    private double rate(IntSupplier operation) {
        return bestOfThree(operation)[0];
    }

    /** {wall-clock rate, rate per CPU-second of the calling thread}, each the best of three runs after a warm-up. */
    private double[] bestOfThree(IntSupplier operation) {
        timed(operation);
        double[] best = new double[2];
        for (int i = 0; i < 3; i++) {
            double[] run = timed(operation);
            best[0] = Math.max(best[0], run[0]);
            best[1] = Math.max(best[1], run[1]);
        }
        return best;
    }

    /** {wall-clock rate, rate per CPU-second of the whole process (all threads)}, best of three after a warm-up. */
    private double[] processRates(IntSupplier operation) {
        timedProcess(operation);
        double[] best = new double[2];
        for (int i = 0; i < 3; i++) {
            double[] run = timedProcess(operation);
            best[0] = Math.max(best[0], run[0]);
            best[1] = Math.max(best[1], run[1]);
        }
        return best;
    }

    private double[] timedProcess(IntSupplier operation) {
        long cpuStart = PROCESS.getProcessCpuTime();
        double[] run = timed(operation);
        long cpu = PROCESS.getProcessCpuTime() - cpuStart;
        return new double[] {run[0], run[2] * 1e9 / Math.max(1, cpu)};
    }

    /** One run: {wall-clock rate, rate per CPU-second of the calling thread, operations}. */
    private double[] timed(IntSupplier operation) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long deadline = start + runNanos;
        long count = 0;
        int acc = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                acc += operation.getAsInt();
            }
            count += 16;
            now = System.nanoTime();
        } while (now < deadline);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        sink += acc;
        return new double[] {count * 1e9 / (now - start), count * 1e9 / Math.max(1, cpu), count};
    }

    /**
     * Prints wall-clock and per-CPU-second rates of a single-threaded operation. On a machine busy
     * with other work the CPU-time figure is what one core does; the wall-clock one is what this
     * process got.
     */
    private void report(String what, IntSupplier operation) {
        double[] rates = bestOfThree(operation);
        System.out.printf("%-45s %,9.0f /s wall, %,9.0f /s per CPU-second (%.1f us CPU each)%n", what, rates[0],
                rates[1], 1e6 / rates[1]);
    }

    /** Members 1..n with keys from a fixed seed, and a COMMIT statement they certify. */
    private static final class Cluster {
        final List<NodeKeyPair> pairs = new ArrayList<>();
        final ClusterKeys keys;
        final Statement statement = new Statement(Domain.COMMIT, 1, 3, 99, Digest.sha256(new byte[] {9}));

        Cluster(int n) {
            Map<Long, PublicKey> members = new TreeMap<>();
            for (long id = 1; id <= n; id++) {
                NodeKeyPair pair = NodeKeyPair.deterministic(2026, id);
                pairs.add(pair);
                members.put(id, pair.publicKey());
            }
            keys = ClusterKeys.of(members);
        }

        QuorumCertificate certificate() {
            Map<Long, Signature> signatures = new TreeMap<>();
            for (int i = 0; i < keys.quorumSize(); i++) {
                signatures.put(pairs.get(i).nodeId(), new Ed25519Signer(pairs.get(i)).sign(statement.signBytes()));
            }
            return new QuorumCertificate(statement, signatures);
        }

        QuorumCertificate build(QuorumCertificate signed) {
            QuorumCertificateBuilder builder = new QuorumCertificateBuilder(statement, keys, new Ed25519Verifier(keys));
            signed.signatures().forEach(builder::add);
            return builder.build();
        }
    }
}
