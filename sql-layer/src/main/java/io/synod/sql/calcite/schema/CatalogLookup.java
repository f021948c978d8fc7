package io.synod.sql.calcite.schema;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * A {@link Lookup} answered from the current catalog on every call: Calcite's own lookups
 * memoise, which would hide DDL committed after the connection first looked.
 */
final class CatalogLookup<T> implements Lookup<T> {

    private final Supplier<Collection<String>> names;
    private final Function<String, T> byExactName;

    CatalogLookup(Supplier<Collection<String>> names, Function<String, T> byExactName) {
        this.names = names;
        this.byExactName = byExactName;
    }

    @Override
    public T get(String name) {
        return byExactName.apply(name);
    }

    @Override
    public Named<T> getIgnoreCase(String name) {
        for (String candidate : names.get()) {
            if (candidate.equalsIgnoreCase(name)) {
                T entity = byExactName.apply(candidate);
                if (entity != null) {
                    return new Named<>(candidate, entity);
                }
            }
        }
        return null;
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
        Predicate1<String> matcher = pattern.matcher();
        Set<String> out = new LinkedHashSet<>();
        for (String name : names.get()) {
            if (matcher.apply(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
