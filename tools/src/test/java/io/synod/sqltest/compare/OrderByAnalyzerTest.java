package io.synod.sqltest.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderByAnalyzerTest {

    private static final List<String> LABELS = List.of("id", "name", "total");

    @Test
    void mapsOrdinalsLabelsAndQualifiedNames() {
        assertThat(OrderByAnalyzer.orderedColumns("SELECT id, name, total FROM t ORDER BY 2 DESC NULLS LAST, 1", LABELS))
            .containsExactly(1, 0);
        assertThat(OrderByAnalyzer.orderedColumns("SELECT a.id, a.name, x AS total FROM t a ORDER BY a.name, total ASC", LABELS))
            .containsExactly(1, 2);
    }

    @Test
    void stopsAtTheFirstItemThatIsNotAnOutputColumn() {
        assertThat(OrderByAnalyzer.orderedColumns("SELECT id, name, total FROM t ORDER BY name, salary, id LIMIT 3", LABELS))
            .containsExactly(1);
        assertThat(OrderByAnalyzer.orderedColumns("SELECT id, name, total FROM t ORDER BY salary, id", LABELS)).isEmpty();
    }

    @Test
    void ignoresOrderByInsideSubqueriesLiteralsAndComments() {
        assertThat(OrderByAnalyzer.isOrdered("SELECT id FROM (SELECT id FROM t ORDER BY id LIMIT 2) s")).isFalse();
        assertThat(OrderByAnalyzer.isOrdered("SELECT 'ORDER BY 1' AS id FROM t")).isFalse();
        assertThat(OrderByAnalyzer.isOrdered("SELECT id FROM t -- ORDER BY id")).isFalse();
        assertThat(OrderByAnalyzer.orderedColumns("SELECT id, name, total FROM t UNION SELECT 1, 'x', 2 FROM u ORDER BY 3", LABELS))
            .containsExactly(2);
    }
}
