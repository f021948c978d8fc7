package io.synod.sql.txn;

import io.synod.sql.kv.MemorySqlKv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SequencesTest {

    @Test
    void valuesAreUniqueAcrossAllocatorsAndThreads() throws Exception {
        MemorySqlKv kv = new MemorySqlKv();
        List<Sequences> engines = List.of(new Sequences(kv), new Sequences(kv), new Sequences(kv));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Long>>> drawn = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Sequences s = engines.get(t % engines.size());
                drawn.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        ids.add(s.nextRowId(7));
                    }
                    return ids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : drawn) {
                List<Long> ids = f.get();
                assertThat(ids).isSorted();
                all.addAll(ids);
            }
            assertThat(all).hasSize(18_000).allSatisfy(id -> assertThat(id).isPositive());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tableAndIndexIdsShareOneSpaceAndRowIdsArePerTable() {
        MemorySqlKv kv = new MemorySqlKv();
        Sequences a = new Sequences(kv);
        Sequences b = new Sequences(kv);
        assertThat(List.of(a.nextTableId(), b.nextIndexId(), a.nextIndexId(), b.nextTableId()))
                .containsExactly(1, 2, 3, 4);
        assertThat(a.nextRowId(1)).isEqualTo(1);
        assertThat(a.nextRowId(2)).isEqualTo(1);
        assertThat(b.nextRowId(1)).isEqualTo(1 + Sequences.ROW_ID_BLOCK);
    }
}
