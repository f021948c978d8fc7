package io.synod.sql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void createInsertSelect() throws Exception {
        try (SqlHarness db = SqlHarness.memory()) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL, score DECIMAL(5,2) DEFAULT 1.5)");
            System.out.println("CATALOG " + db.session().catalog());
            db.session().end(true);
            assertThat(db.execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')")).isEqualTo(2);
            assertThat(db.query("SELECT * FROM t ORDER BY id")).hasSize(2);
            System.out.println(db.query("SELECT * FROM t ORDER BY id"));
            System.out.println(db.explain("SELECT name FROM t WHERE id = 1"));
            System.out.println(db.explain("SELECT * FROM t WHERE id > 1 ORDER BY id DESC LIMIT 1"));
            System.out.println(db.query("SELECT * FROM t WHERE id > 1 ORDER BY id DESC LIMIT 1"));
            System.out.println(db.explain("UPDATE t SET name = 'x' WHERE id = 2"));
            System.out.println(db.execute("UPDATE t SET name = 'x' WHERE id = 2"));
            System.out.println(db.explain("MERGE INTO t USING (VALUES (2, 'm'), (3, 'n')) AS s(id, name) ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)"));
            System.out.println(db.explain("UPSERT INTO t (id, name) VALUES (2, 'u')"));
            System.out.println(db.query("SELECT * FROM t"));
            assertThat(List.of()).isEmpty();
        }
    }
}
