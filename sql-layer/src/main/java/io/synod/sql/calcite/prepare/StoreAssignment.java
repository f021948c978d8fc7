package io.synod.sql.calcite.prepare;

import io.synod.sql.SqlStateException;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Store assignment of a string literal (as written, or under the cast Calcite's validator put
 * around it): one longer than its CHAR(n) or VARCHAR(n) column (after
 * its trailing blanks, which may be cut) is an error, 22001. Calcite would cast it to the
 * column's type, and a cast cuts the string silently; values computed at run time reach the
 * column's own check ({@code ValueCoercion}) uncut unless Calcite casts them to CHAR(n).
 */
final class StoreAssignment {

    private StoreAssignment() {
    }

    static void checkLength(SqlNode value, RelDataTypeField column) {
        if (value.getKind() == SqlKind.CAST) {
            value = ((SqlCall) value).operand(0);
        }
        RelDataType type = column.getType();
        if (!(value instanceof SqlCharStringLiteral literal)
                || (type.getSqlTypeName() != SqlTypeName.CHAR && type.getSqlTypeName() != SqlTypeName.VARCHAR)
                || type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED) {
            return;
        }
        String text = literal.getValueAs(String.class).stripTrailing();
        if (text.codePointCount(0, text.length()) > type.getPrecision()) {
            throw new SqlStateException("22001", "value too long for type " + type.getSqlTypeName() + "("
                    + type.getPrecision() + ") (column " + column.getName() + ")");
        }
    }
}
