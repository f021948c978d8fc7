package io.synod.tools.kv;

import io.synod.crypto.keyfile.ClusterKeysFile;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.DeleteResult;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.PutResult;
import io.synod.kv.client.ReplyCertificateVerifier;
import io.synod.kv.client.ScanResult;
import io.synod.tools.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code synod kv}: put, get, delete and scan keys of a running cluster (UTF-8 text). */
@Command(
        name = "kv",
        header = "Reads and writes keys of a running cluster.",
        mixinStandardHelpOptions = true,
        description = {"Reads and writes keys of a running cluster. Keys and values are UTF-8 text.",
            "Exit codes: 0 done, 1 key not found (get) or cluster unavailable, 2 bad usage."},
        subcommands = {KvCommand.Put.class, KvCommand.Get.class, KvCommand.Del.class, KvCommand.Scan.class},
        footer = {"", "Examples:",
            "  synod kv --cluster 127.0.0.1:7100,127.0.0.1:7101 put hello world",
            "  synod kv --cluster 127.0.0.1:7100 get hello --consistency lease",
            "  synod kv --cluster 127.0.0.1:7100 scan a z --limit 10 --reverse",
            "  synod kv --cluster 127.0.0.1:7100 --cluster-keys node1/cluster.keys get hello"})
public final class KvCommand {

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]", required = true,
            description = "Some or all of the cluster's node addresses.")
    private String cluster;

    @Option(names = "--cluster-keys", paramLabel = "FILE",
            description = {"A PBFT cluster's public keys (its cluster.keys file): trust no single node and take",
                "a result only with f+1 replicas' signed replies vouching for it."})
    private Path clusterKeys;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up after this long, retries included (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    /** Runs {@code action} with a client; an unavailable cluster is one line on stderr and exit 1. */
    int withClient(Function<KvClient, Integer> action) {
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout must be positive, got " + timeoutSeconds);
        }
        KvClient.Builder builder = KvClient.builder(ClusterAddresses.parse(cluster))
                .callTimeout(Duration.ofSeconds(timeoutSeconds));
        if (clusterKeys != null) {
            try {
                builder.certifiedBy(ReplyCertificateVerifier.forCluster(ClusterKeysFile.read(clusterKeys)));
            } catch (IOException | RuntimeException e) {
                throw new UserError("cannot read the cluster keys " + clusterKeys + ": " + e.getMessage());
            }
        }
        try (KvClient client = builder.build()) {
            return action.apply(client);
        } catch (KvException e) {
            if (e.kind() == KvException.Kind.INVALID_ARGUMENT) {
                throw new UserError(e.getMessage());
            }
            System.err.println("synod kv: " + e.getMessage());
            return 1;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Sets KEY to VALUE; prints the revision.")
    static final class Put implements Callable<Integer> {
        @ParentCommand
        private KvCommand parent;

        @Parameters(index = "0", paramLabel = "KEY")
        private String key;

        @Parameters(index = "1", paramLabel = "VALUE")
        private String value;

        @Override
        public Integer call() {
            return parent.withClient(client -> {
                PutResult result = client.put(utf8(key), utf8(value));
                System.out.println("OK revision " + result.revision());
                return 0;
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Prints KEY's value; exit 1 (and a note on stderr) if it is absent.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        private KvCommand parent;

        @Parameters(index = "0", paramLabel = "KEY")
        private String key;

        @Option(names = "--consistency", paramLabel = "LEVEL", defaultValue = "linearizable",
                description = "linearizable, lease or stale (default: ${DEFAULT-VALUE}).")
        private String consistency;

        @Option(names = "--max-staleness", paramLabel = "MS", defaultValue = "5000",
                description = "For stale reads: how old the answer may be (default: ${DEFAULT-VALUE}).")
        private long maxStalenessMs;

        @Override
        public Integer call() {
            Consistency level = switch (consistency) {
                case "linearizable" -> Consistency.LINEARIZABLE;
                case "lease" -> Consistency.LEASE;
                case "stale" -> Consistency.boundedStaleness(Duration.ofMillis(maxStalenessMs));
                default -> throw new UserError("--consistency wants linearizable, lease or stale, got '"
                        + consistency + "'");
            };
            return parent.withClient(client -> {
                Optional<KeyValue> kv = client.get(utf8(key), level);
                if (kv.isEmpty()) {
                    System.err.println("synod kv: key '" + key + "' not found");
                    return 1;
                }
                System.out.println(text(kv.get().value()));
                return 0;
            });
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true, description = "Deletes KEY.")
    static final class Del implements Callable<Integer> {
        @ParentCommand
        private KvCommand parent;

        @Parameters(index = "0", paramLabel = "KEY")
        private String key;

        @Override
        public Integer call() {
            return parent.withClient(client -> {
                DeleteResult result = client.delete(utf8(key));
                System.out.println(result.deleted() ? "deleted (revision " + result.revision() + ")" : "not found");
                return 0;
            });
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Prints KEY<TAB>VALUE lines for keys in [START, END) (default: all keys).")
    static final class Scan implements Callable<Integer> {
        @ParentCommand
        private KvCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "START")
        private String start;

        @Parameters(index = "1", arity = "0..1", paramLabel = "END")
        private String end;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many keys (default: ${DEFAULT-VALUE}).")
        private int limit;

        @Option(names = "--reverse", description = "Highest keys first.")
        private boolean reverse;

        @Override
        public Integer call() {
            if (limit <= 0) {
                throw new UserError("--limit must be positive, got " + limit);
            }
            return parent.withClient(client -> {
                ScanResult result = client.scan(start == null ? new byte[0] : utf8(start),
                        end == null ? new byte[0] : utf8(end), limit, reverse);
                for (KeyValue kv : result.kvs()) {
                    System.out.println(text(kv.key()) + "\t" + text(kv.value()));
                }
                if (result.more()) {
                    System.err.println("synod kv: more keys follow; raise --limit or scan from the last key");
                }
                return 0;
            });
        }
    }
}
