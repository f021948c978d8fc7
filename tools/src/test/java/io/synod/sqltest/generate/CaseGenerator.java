package io.synod.sqltest.generate;

import io.synod.sqltest.script.Step;
import io.synod.sqltest.script.TestCase;

import java.util.ArrayList;
import java.util.List;

/** Builds a whole generated case from a seed: schema, data, then queries interleaved with DML. */
public final class CaseGenerator {

    private CaseGenerator() {
    }

    /**
     * @param seed      rebuilds exactly this case
     * @param statements how many queries and DML statements follow the schema and data
     */
    public static TestCase generate(String name, long seed, int statements) {
        Rand r = new Rand(seed);
        List<Table> schema = SchemaGenerator.generate(r);
        RowGenerator rows = new RowGenerator(r);
        QueryGenerator queries = new QueryGenerator(r, schema);
        DmlGenerator dml = new DmlGenerator(r, schema, rows);
        List<Step> steps = new ArrayList<>();
        for (Table t : schema) {
            t.ddl().forEach(sql -> steps.add(Step.of(sql)));
        }
        for (Table t : schema) {
            steps.addAll(rows.initialData(t));
        }
        for (int i = 0; i < statements; i++) {
            steps.add(r.chance(0.2) ? dml.statement() : Step.of(queries.query()));
        }
        List<String> cleanup = new ArrayList<>();
        for (int i = schema.size() - 1; i >= 0; i--) {
            cleanup.add("DROP TABLE IF EXISTS " + schema.get(i).name());
        }
        return new TestCase(name, seed, steps, cleanup);
    }
}
