package io.synod.sql.session;

import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;

import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/** How each Synod column type is described to JDBC clients (getTypeInfo, column sizes). */
record TypeInfo(String name, int jdbcType, Integer precision, String literalPrefix, String literalSuffix,
                String createParams, boolean caseSensitive, boolean numeric, Short maxScale) {

    static TypeInfo of(SqlType type) {
        return switch (type) {
            case BOOLEAN -> new TypeInfo("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, false, null);
            case SMALLINT -> new TypeInfo("SMALLINT", Types.SMALLINT, 5, null, null, null, false, true, (short) 0);
            case INTEGER -> new TypeInfo("INTEGER", Types.INTEGER, 10, null, null, null, false, true, (short) 0);
            case BIGINT -> new TypeInfo("BIGINT", Types.BIGINT, 19, null, null, null, false, true, (short) 0);
            case DECIMAL -> new TypeInfo("DECIMAL", Types.DECIMAL, SqlTypeDescriptor.MAX_DECIMAL_PRECISION, null, null,
                    "PRECISION,SCALE", false, true, (short) SqlTypeDescriptor.MAX_DECIMAL_PRECISION);
            case REAL -> new TypeInfo("REAL", Types.REAL, 7, null, null, null, false, true, null);
            case DOUBLE -> new TypeInfo("DOUBLE", Types.DOUBLE, 15, null, null, null, false, true, null);
            case CHAR -> new TypeInfo("CHAR", Types.CHAR, 65536, "'", "'", "LENGTH", true, false, null);
            case VARCHAR -> new TypeInfo("VARCHAR", Types.VARCHAR, 65536, "'", "'", "LENGTH", true, false, null);
            case VARBINARY -> new TypeInfo("VARBINARY", Types.VARBINARY, 65536, "X'", "'", "LENGTH", false, false, null);
            case DATE -> new TypeInfo("DATE", Types.DATE, 10, "DATE '", "'", null, false, false, null);
            case TIME -> new TypeInfo("TIME", Types.TIME, 8, "TIME '", "'", null, false, false, null);
            case TIMESTAMP -> new TypeInfo("TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'", null, false, false,
                    (short) 3);
        };
    }

    static List<TypeInfo> all() {
        return Arrays.stream(SqlType.values()).map(TypeInfo::of).toList();
    }

    /** COLUMN_SIZE: declared precision or length when given, else the type's maximum. */
    static Integer columnSize(SqlTypeDescriptor type) {
        return type.precision() != SqlTypeDescriptor.UNSPECIFIED ? Integer.valueOf(type.precision())
                : of(type.type()).precision();
    }

    /** COLUMN_SIZE of a column of JDBC type {@code jdbcType} with no declared size; null if none applies. */
    static Integer defaultSize(int jdbcType) {
        return all().stream().filter(t -> t.jdbcType() == jdbcType).map(TypeInfo::precision).findFirst()
                .orElse(null);
    }

    /** DECIMAL_DIGITS: the scale of exact numerics, null where it does not apply. */
    static Short decimalDigits(SqlTypeDescriptor type) {
        return switch (type.type()) {
            case DECIMAL -> (short) Math.max(0, type.scale());
            case SMALLINT, INTEGER, BIGINT -> (short) 0;
            default -> null;
        };
    }
}
