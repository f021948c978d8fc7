package io.synod.tools.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.MemberInfo;
import io.synod.tools.kv.ClusterAddresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synod status}: each member's role, term, commit and applied index. */
@Command(
        name = "status",
        header = "Shows the state of every member of a running cluster.",
        mixinStandardHelpOptions = true,
        description = {"Shows every member of the cluster as its own node reports it: id, address, role,",
            "term, commit and applied index, and how far its log is behind the leader's.",
            "A member that does not answer is shown as UNREACHABLE. Exit 1 if no node answers."},
        footer = {"", "Examples:", "  synod status --cluster 127.0.0.1:7100,127.0.0.1:7101",
            "  synod status --cluster 127.0.0.1:7100 --json"})
public final class StatusCommand implements Callable<Integer> {

    /** One member in the JSON output. */
    record Member(long id, String address, String role, long term, long leaderId, long commit, long applied,
                  long lastIndex, long lag, boolean learner) {
        static Member of(MemberInfo m) {
            return new Member(m.nodeId(), m.address(), m.role(), m.term(), m.leaderId(), m.commitIndex(),
                    m.appliedIndex(), m.lastIndex(), m.lag(), m.learner());
        }
    }

    /** The JSON output: {@code {"nodes":[...]}}. */
    record Report(List<Member> nodes) {
    }

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]", required = true,
            description = "Some or all of the cluster's node addresses.")
    private String cluster;

    @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws JsonProcessingException {
        List<String> addresses = ClusterAddresses.parse(cluster);
        List<MemberInfo> members;
        try (AdminClient admin = new AdminClient(addresses, 0, Duration.ofSeconds(Math.max(1, timeoutSeconds)))) {
            members = admin.status();
        } catch (KvException e) {
            System.err.println("synod status: no node answered: " + e.getMessage());
            return 1;
        }
        List<Member> rows = members.stream().map(Member::of).toList();
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(new Report(rows)));
        } else {
            System.out.print(table(rows));
        }
        return 0;
    }

    static String table(List<Member> rows) {
        String format = "%-4s %-22s %-12s %6s %10s %10s %8s%n";
        StringBuilder out = new StringBuilder(String.format(format, "ID", "ADDRESS", "ROLE", "TERM", "COMMIT",
                "APPLIED", "LAG"));
        for (Member m : rows) {
            boolean up = !m.role().equals("UNREACHABLE");
            out.append(String.format(format, m.id(), m.address(), m.role() + (m.learner() ? "*" : ""),
                    up ? m.term() : "-", up ? m.commit() : "-", up ? m.applied() : "-", up ? m.lag() : "-"));
        }
        return out.toString();
    }
}
