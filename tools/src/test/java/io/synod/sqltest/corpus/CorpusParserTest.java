package io.synod.sqltest.corpus;

import io.synod.sqltest.script.Expectation;
import io.synod.sqltest.script.StepKind;
import io.synod.sqltest.script.TestCase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusParserTest {

    @Test
    void readsRecordsWithExpectationsOriginsAndCleanup() {
        TestCase c = CorpusParser.parse("x.test", """
            # comment
            statement ok
            CREATE TABLE a (id INTEGER NOT NULL, PRIMARY KEY (id))

            statement error
            INSERT INTO a
              VALUES (NULL);

            query
            SELECT id
            FROM a

            statement ok
            CREATE VIEW v AS SELECT id FROM a
            """);
        assertThat(c.steps()).extracting(s -> s.expectation())
            .containsExactly(Expectation.OK, Expectation.ERROR, Expectation.OK, Expectation.OK);
        assertThat(c.steps()).extracting(s -> s.kind())
            .containsExactly(StepKind.OTHER, StepKind.DML, StepKind.QUERY, StepKind.OTHER);
        assertThat(c.steps().get(1).sql()).isEqualTo("INSERT INTO a\n  VALUES (NULL)");
        assertThat(c.steps().get(2).origin()).isEqualTo("x.test:9");
        assertThat(c.cleanup()).containsExactly("DROP VIEW IF EXISTS v", "DROP TABLE IF EXISTS a");
    }

    @Test
    void rejectsUnknownHeadersAndEmptyRecords() {
        assertThatThrownBy(() -> CorpusParser.parse("y.test", "statement maybe\nSELECT 1\n"))
            .hasMessageContaining("y.test:1");
        assertThatThrownBy(() -> CorpusParser.parse("z.test", "query\n\nSELECT 1\n"))
            .hasMessageContaining("z.test:1");
        assertThatThrownBy(() -> CorpusParser.parse("w.test", "query\nINSERT INTO a VALUES (1)\n"))
            .hasMessageContaining("SELECT");
    }
}
