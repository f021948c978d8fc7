package io.synod.kv.check.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: every client runs one operation at
 * a time, each operation takes effect at a point strictly inside its [call, return] interval, and
 * outputs come from executing the operations sequentially in the order of those points. Some
 * operations time out (indeterminate) and then took effect or not, at random.
 */
final class HistoryGenerator {

    private HistoryGenerator() {
    }

    static List<Operation> generate(Random random, int clients, int keys, int operations) {
        record Planned(int client, KvInput input, long call, long point, long ret, boolean lost, boolean appliedIfLost) {
        }
        long[] clientFree = new long[clients];
        List<Planned> plans = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            int client = random.nextInt(clients);
            long call = clientFree[client] + 1 + random.nextInt(20);
            // Points are made unique (low digits = operation number) so the sequential order is total.
            long point = (call + 1 + random.nextInt(30)) * 100_000 + i;
            long ret = point / 100_000 + 1 + random.nextInt(30);
            clientFree[client] = ret;
            String key = "k" + random.nextInt(keys);
            String value = "v" + i;
            KvInput input = switch (random.nextInt(6)) {
                case 0, 1 -> KvInput.get(key);
                case 2 -> KvInput.put(key, value);
                case 3 -> KvInput.delete(key);
                default -> KvInput.cas(key, random.nextInt(3) == 0 ? null : "v" + random.nextInt(i + 1), value);
            };
            plans.add(new Planned(client, input, call * 100_000, point, ret * 100_000,
                    random.nextInt(25) == 0, random.nextBoolean()));
        }
        List<Planned> byPoint = new ArrayList<>(plans);
        byPoint.sort(Comparator.comparingLong(Planned::point));
        Map<String, String> state = new HashMap<>();
        List<Operation> history = new ArrayList<>();
        for (Planned p : byPoint) {
            KvInput in = p.input();
            long id = history.size() + 1;
            if (p.lost()) {
                if (p.appliedIfLost()) {
                    execute(state, in);
                }
                history.add(Operation.indeterminate(id, p.client(), in, p.call()));
            } else {
                history.add(Operation.completed(id, p.client(), in, p.call(), p.ret(), execute(state, in)));
            }
        }
        history.sort(Comparator.comparingLong(Operation::callTime));
        return history;
    }

    private static KvOutput execute(Map<String, String> state, KvInput in) {
        String current = state.get(in.key());
        return switch (in.kind()) {
            case GET -> KvOutput.read(current);
            case PUT -> {
                state.put(in.key(), in.value());
                yield KvOutput.OK;
            }
            case DELETE -> {
                state.remove(in.key());
                yield KvOutput.OK;
            }
            case CAS -> {
                boolean matches = in.expected() == null ? current == null : in.expected().equals(current);
                if (matches) {
                    state.put(in.key(), in.value());
                }
                yield KvOutput.cas(matches);
            }
        };
    }
}
