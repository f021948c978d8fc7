package io.synod.sql.calcite.rel;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;

/**
 * A value pushed into a key bound: a constant (Calcite's internal representation, already of
 * the key column's type) or a dynamic parameter of the statement, resolved at execution.
 */
public record KeyValue(Object constant, int parameter) {

    public static KeyValue constant(Object value) {
        return new KeyValue(value, -1);
    }

    public static KeyValue parameter(int index) {
        return new KeyValue(null, index);
    }

    public boolean isParameter() {
        return parameter >= 0;
    }

    /** The value at execution: a parameter comes from the data context as {@code ?index}. */
    public Object resolve(DataContext context) {
        return isParameter() ? context.get("?" + parameter) : constant;
    }

    @Override
    public String toString() {
        if (isParameter()) {
            return "?" + parameter;
        }
        if (constant instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (constant instanceof ByteString b) {
            return "X'" + b + "'";
        }
        return String.valueOf(constant);
    }
}
