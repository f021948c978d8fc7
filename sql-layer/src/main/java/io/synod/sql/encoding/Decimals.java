package io.synod.sql.encoding;

import java.math.BigDecimal;

/** Decimal scale handling shared by key and row decoding. */
final class Decimals {

    private Decimals() {
    }

    /** {@code value} at {@code scale} if that loses nothing, else {@code value} unchanged. */
    static BigDecimal atScale(BigDecimal value, int scale) {
        if (value.scale() == scale) {
            return value;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= scale ? stripped.setScale(scale) : value;
    }
}
