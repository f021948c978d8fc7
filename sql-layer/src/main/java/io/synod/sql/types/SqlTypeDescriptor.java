package io.synod.sql.types;

import java.util.Objects;

/**
 * A declared column type: for DECIMAL its precision and scale, for CHAR/VARCHAR/VARBINARY its
 * length (in {@code precision}), for TIME/TIMESTAMP its fractional-second precision.
 * {@link #UNSPECIFIED} marks a part the declaration left out.
 */
public record SqlTypeDescriptor(SqlType type, int precision, int scale) {

    public static final int UNSPECIFIED = -1;

    /** The largest DECIMAL precision accepted. */
    public static final int MAX_DECIMAL_PRECISION = 1000;

    public SqlTypeDescriptor {
        Objects.requireNonNull(type, "type");
        if (precision < UNSPECIFIED || scale < UNSPECIFIED) {
            throw new IllegalArgumentException("invalid precision/scale " + precision + "/" + scale + " for " + type);
        }
        if (type == SqlType.DECIMAL) {
            if (precision == 0 || precision > MAX_DECIMAL_PRECISION) {
                throw new IllegalArgumentException("DECIMAL precision must be 1.." + MAX_DECIMAL_PRECISION + ": " + precision);
            }
            if (scale != UNSPECIFIED && precision != UNSPECIFIED && scale > precision) {
                throw new IllegalArgumentException("DECIMAL scale " + scale + " exceeds precision " + precision);
            }
        } else if (scale != UNSPECIFIED) {
            throw new IllegalArgumentException(type + " takes no scale");
        }
        if (type.hasLength() && precision == 0) {
            throw new IllegalArgumentException(type + " length must be positive");
        }
    }

    /** A type with no precision, scale or length. */
    public static SqlTypeDescriptor of(SqlType type) {
        return new SqlTypeDescriptor(type, UNSPECIFIED, UNSPECIFIED);
    }

    /** CHAR(n), VARCHAR(n), VARBINARY(n), or TIME(p)/TIMESTAMP(p). */
    public static SqlTypeDescriptor of(SqlType type, int precision) {
        return new SqlTypeDescriptor(type, precision, UNSPECIFIED);
    }

    public static SqlTypeDescriptor decimal(int precision, int scale) {
        return new SqlTypeDescriptor(SqlType.DECIMAL, precision, scale);
    }

    /** SQL spelling, e.g. {@code DECIMAL(10, 2)}, {@code VARCHAR(20)}, {@code INTEGER}. */
    @Override
    public String toString() {
        if (precision == UNSPECIFIED) {
            return type.name();
        }
        return type.name() + "(" + precision + (scale == UNSPECIFIED ? "" : ", " + scale) + ")";
    }
}
