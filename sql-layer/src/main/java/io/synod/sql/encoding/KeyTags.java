package io.synod.sql.encoding;

/**
 * The first byte of each encoded key value. Their order is the order of values of different
 * kinds (NULL first); within a kind the bytes after the tag order like the values.
 */
final class KeyTags {

    static final int NULL = 0x00;
    static final int FALSE = 0x02;
    static final int TRUE = 0x03;
    /** Integers: ZERO - n for a negative value of n bytes, ZERO + n for a positive one. */
    static final int INT_MIN = 0x0C;
    static final int INT_ZERO = 0x14;
    static final int INT_MAX = 0x1C;
    static final int DECIMAL_NEGATIVE = 0x20;
    static final int DECIMAL_ZERO = 0x21;
    static final int DECIMAL_POSITIVE = 0x22;
    static final int DOUBLE = 0x28;
    static final int STRING = 0x30;
    static final int BYTES = 0x31;
    static final int DATE = 0x38;
    static final int TIME = 0x39;
    static final int TIMESTAMP = 0x3A;

    /** Escaping inside strings and byte strings: 0x00 becomes 0x00 0xFF; 0x00 0x01 ends the value. */
    static final int ESCAPE = 0x00;
    static final int ESCAPED_ZERO = 0xFF;
    static final int TERMINATOR = 0x01;

    /** Decimal digits go two per byte as pair + 1 (1..100); 0 ends them. */
    static final int DIGITS_END = 0x00;

    private KeyTags() {
    }
}
