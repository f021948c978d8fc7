package io.synod.sqltest.script;

import java.util.List;
import java.util.Objects;

/**
 * A statement sequence run on fresh databases on both sides.
 *
 * @param name    how reports refer to it (corpus file, or "generated #i")
 * @param seed    the generator seed that rebuilds it (0 for hand-written cases)
 * @param steps   the statements, in order, starting with the schema's DDL
 * @param cleanup statements that remove every object the case creates (views first); run
 *                before the case so a reused database starts empty, and after it. Their
 *                outcomes are never compared.
 */
public record TestCase(String name, long seed, List<Step> steps, List<String> cleanup) {

    public TestCase {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        cleanup = List.copyOf(cleanup);
    }
}
