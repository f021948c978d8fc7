package io.synod.kv.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which store keeps a node's state machine: LMDB (the default) or SQLite for light replicas such as learners. */
public enum StateStoreKind {
    LMDB,
    SQLITE;

    /** The lower-case name used in flags and config files. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a flag value; the error message lists the accepted values. */
    public static StateStoreKind parse(String text) {
        for (StateStoreKind kind : values()) {
            if (kind.flagValue().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown state store '" + text + "' (supported: "
                + Arrays.stream(values()).map(StateStoreKind::flagValue).collect(Collectors.joining(", ")) + ")");
    }
}
