package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.BatchOp;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvError;
import io.synod.proto.kv.TxnCompare;
import io.synod.proto.kv.TxnRequest;

import java.util.List;
import java.util.Optional;

/**
 * Checks a command against {@link KvLimits} before anything is applied, so a rejected command
 * (a whole batch included) changes nothing.
 */
final class CommandValidator {

    private CommandValidator() {
    }

    static Optional<KvError> validate(KvCommand command) {
        return switch (command.getOpCase()) {
            case PUT -> firstError(key(command.getPut().getKey()), value(command.getPut().getValue()));
            case DELETE -> key(command.getDelete().getKey());
            case GET -> key(command.getGet().getKey());
            case CAS -> firstError(key(command.getCas().getKey()),
                    firstError(value(command.getCas().getNewValue()), value(command.getCas().getExpectedValue())));
            case BATCH -> ops(command.getBatch().getOpsList(), 0);
            case TXN -> txn(command.getTxn());
            case ORDERED_SCAN -> Optional.empty();
            case OP_NOT_SET -> Optional.of(error(KvError.Code.INVALID_ARGUMENT, "command has no operation"));
        };
    }

    static Optional<KvError> key(ByteString key) {
        if (key.isEmpty()) {
            return Optional.of(error(KvError.Code.INVALID_ARGUMENT, "key must not be empty"));
        }
        if (key.size() > KvLimits.MAX_KEY_BYTES) {
            return Optional.of(error(KvError.Code.KEY_TOO_LARGE,
                    "key has " + key.size() + " bytes, the limit is " + KvLimits.MAX_KEY_BYTES));
        }
        return Optional.empty();
    }

    /** Bounds of a scan may be empty (open) but not oversized. */
    static Optional<KvError> bound(ByteString bound) {
        return bound.isEmpty() ? Optional.empty() : key(bound);
    }

    private static Optional<KvError> value(ByteString value) {
        if (value.size() > KvLimits.MAX_VALUE_BYTES) {
            return Optional.of(error(KvError.Code.VALUE_TOO_LARGE,
                    "value has " + value.size() + " bytes, the limit is " + KvLimits.MAX_VALUE_BYTES));
        }
        return Optional.empty();
    }

    /**
     * Compare ranges must be well formed (valid bounds, start before a non-empty end) and count
     * toward the byte limit with the operations.
     */
    private static Optional<KvError> txn(TxnRequest txn) {
        if (txn.getComparesCount() > KvLimits.MAX_TXN_COMPARES) {
            return Optional.of(error(KvError.Code.BATCH_TOO_LARGE, "transaction has " + txn.getComparesCount()
                    + " compares, the limit is " + KvLimits.MAX_TXN_COMPARES));
        }
        long bytes = 0;
        for (int i = 0; i < txn.getComparesCount(); i++) {
            TxnCompare compare = txn.getCompares(i);
            Optional<KvError> rangeError = firstError(bound(compare.getStartKey()), bound(compare.getEndKey()));
            if (rangeError.isEmpty() && !compare.getEndKey().isEmpty() && ByteString.unsignedLexicographicalComparator()
                    .compare(compare.getStartKey(), compare.getEndKey()) >= 0) {
                rangeError = Optional.of(error(KvError.Code.INVALID_ARGUMENT, "start key is not before end key"));
            }
            if (rangeError.isPresent()) {
                KvError e = rangeError.get();
                return Optional.of(e.toBuilder().setMessage("compare " + i + ": " + e.getMessage()).build());
            }
            bytes += compare.getStartKey().size() + compare.getEndKey().size();
        }
        return ops(txn.getOpsList(), bytes);
    }

    /** Operations of a batch or transaction; {@code bytes} are what the request already carries. */
    private static Optional<KvError> ops(List<BatchOp> ops, long bytes) {
        if (ops.size() > KvLimits.MAX_BATCH_OPS) {
            return Optional.of(error(KvError.Code.BATCH_TOO_LARGE,
                    "batch has " + ops.size() + " operations, the limit is " + KvLimits.MAX_BATCH_OPS));
        }
        for (int i = 0; i < ops.size(); i++) {
            BatchOp op = ops.get(i);
            Optional<KvError> opError = switch (op.getOpCase()) {
                case PUT -> firstError(key(op.getPut().getKey()), value(op.getPut().getValue()));
                case DELETE -> key(op.getDelete().getKey());
                case OP_NOT_SET -> Optional.of(error(KvError.Code.INVALID_ARGUMENT, "operation has no kind"));
            };
            if (opError.isPresent()) {
                KvError e = opError.get();
                return Optional.of(e.toBuilder().setMessage("batch operation " + i + ": " + e.getMessage()).build());
            }
            bytes += op.getPut().getKey().size() + op.getPut().getValue().size() + op.getDelete().getKey().size();
        }
        if (bytes > KvLimits.MAX_BATCH_BYTES) {
            return Optional.of(error(KvError.Code.BATCH_TOO_LARGE,
                    "batch carries " + bytes + " bytes of keys and values, the limit is " + KvLimits.MAX_BATCH_BYTES));
        }
        return Optional.empty();
    }

    private static Optional<KvError> firstError(Optional<KvError> a, Optional<KvError> b) {
        return a.isPresent() ? a : b;
    }

    static KvError error(KvError.Code code, String message) {
        return KvError.newBuilder().setCode(code).setMessage(message).build();
    }
}
