package io.synod.kv.statemachine.store;

/** A durable state store failed to read or write (I/O error, full map, damaged file). */
public final class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateStoreException(String message) {
        super(message);
    }
}
