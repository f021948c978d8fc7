package io.synod.kv.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvError;

import java.util.function.UnaryOperator;

/**
 * What a replica lying in its replies reports instead of a command's result (test-only fault
 * injection): a plausible answer a client could act on, never the true one. A put claims to have
 * replaced a made-up value, a compare-and-set and a transaction flip their outcome, anything else
 * reports an error.
 */
public final class LyingResults implements UnaryOperator<byte[]> {

    private static final ByteString FORGED = ByteString.copyFromUtf8("forged by a lying replica");

    @Override
    public byte[] apply(byte[] result) {
        KvCommandResult truth;
        try {
            truth = KvCommandResult.parseFrom(result);
        } catch (InvalidProtocolBufferException e) {
            return FORGED.toByteArray();
        }
        KvCommandResult.Builder lie = truth.toBuilder();
        switch (truth.getResultCase()) {
            case PUT -> lie.getPutBuilder().setHadPrevious(true)
                    .setPrevious(KeyValue.newBuilder().setValue(FORGED).setModRevision(1).setVersion(1));
            case CAS -> lie.getCasBuilder().setSucceeded(!truth.getCas().getSucceeded());
            case TXN -> lie.getTxnBuilder().setSucceeded(!truth.getTxn().getSucceeded());
            default -> lie.setError(KvError.newBuilder().setCode(KvError.Code.UNKNOWN)
                    .setMessage(FORGED.toStringUtf8()));
        }
        return lie.build().toByteArray();
    }
}
