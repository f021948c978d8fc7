package io.synod.sql.calcite.rel;

import org.apache.calcite.rel.RelFieldCollation;

/**
 * The order a key walk produces for one key column. NULL sorts first in keys, so a forward walk
 * of a nullable column is ascending with nulls first (and a reverse walk descending with nulls
 * last); a NOT NULL column declares the null direction Calcite gives ORDER BY by default, so its
 * key order satisfies a plain {@code ORDER BY col [DESC]}.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    static RelFieldCollation fieldCollation(int field, boolean reverse, boolean nullable) {
        RelFieldCollation.Direction direction = reverse
                ? RelFieldCollation.Direction.DESCENDING : RelFieldCollation.Direction.ASCENDING;
        RelFieldCollation.NullDirection nulls;
        if (nullable) {
            nulls = reverse ? RelFieldCollation.NullDirection.LAST : RelFieldCollation.NullDirection.FIRST;
        } else {
            nulls = direction.defaultNullDirection();
        }
        return new RelFieldCollation(field, direction, nulls);
    }
}
