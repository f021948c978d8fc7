package io.synod.sql.types;

/**
 * The column types the store encodes, and the Java class of their values: the representation
 * Calcite uses inside its enumerables, so values pass between the planner and the store
 * without conversion. DATE is days since 1970-01-01 ({@code Integer}), TIME milliseconds of the
 * day ({@code Integer}), TIMESTAMP milliseconds since the epoch, no time zone ({@code Long}),
 * VARBINARY an Avatica {@code ByteString}. NULL is a Java null of any type.
 */
public enum SqlType {
    BOOLEAN(Boolean.class),
    SMALLINT(Short.class),
    INTEGER(Integer.class),
    BIGINT(Long.class),
    DECIMAL(java.math.BigDecimal.class),
    REAL(Float.class),
    DOUBLE(Double.class),
    CHAR(String.class),
    VARCHAR(String.class),
    VARBINARY(org.apache.calcite.avatica.util.ByteString.class),
    DATE(Integer.class),
    TIME(Integer.class),
    TIMESTAMP(Long.class);

    private final Class<?> javaClass;

    SqlType(Class<?> javaClass) {
        this.javaClass = javaClass;
    }

    /** The Java class values of this type have. */
    public Class<?> javaClass() {
        return javaClass;
    }

    /** Whether a declaration may give a length (CHAR, VARCHAR, VARBINARY). */
    public boolean hasLength() {
        return this == CHAR || this == VARCHAR || this == VARBINARY;
    }
}
