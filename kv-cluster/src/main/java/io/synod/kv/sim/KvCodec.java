package io.synod.kv.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.KvOutput;
import io.synod.proto.kv.CompareAndSetRequest;
import io.synod.proto.kv.DeleteRequest;
import io.synod.proto.kv.GetRequest;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.PutRequest;

import java.nio.charset.StandardCharsets;

/** Translates between the checker's register model and the KV state machine's wire commands. */
final class KvCodec {

    private KvCodec() {
    }

    static byte[] command(int clientId, long sequence, KvInput input) {
        KvCommand.Builder b = KvCommand.newBuilder().setClientId(clientId).setSequence(sequence);
        ByteString key = utf8(input.key());
        switch (input.kind()) {
            case GET -> b.setGet(GetRequest.newBuilder().setKey(key));
            case PUT -> b.setPut(PutRequest.newBuilder().setKey(key).setValue(utf8(input.value())));
            case DELETE -> b.setDelete(DeleteRequest.newBuilder().setKey(key));
            case CAS -> {
                CompareAndSetRequest.Builder cas = CompareAndSetRequest.newBuilder()
                        .setKey(key).setNewValue(utf8(input.value()));
                if (input.expected() == null) {
                    cas.setExpectAbsent(true);
                } else {
                    cas.setExpectedValue(utf8(input.expected()));
                }
                b.setCas(cas);
            }
        }
        return b.build().toByteArray();
    }

    /** A read-only query for one key, answered from the local state machine. */
    static byte[] query(String key) {
        return KvQuery.newBuilder().setGet(GetRequest.newBuilder().setKey(utf8(key))).build().toByteArray();
    }

    /** The session of a logged command, or null if the data is not a client command. */
    static KvCommand parse(byte[] data) {
        try {
            return KvCommand.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** The register-model output of a state-machine result; null if the command was refused. */
    static KvOutput output(byte[] result) {
        KvCommandResult r;
        try {
            r = KvCommandResult.parseFrom(result);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        return switch (r.getResultCase()) {
            case PUT, DELETE -> KvOutput.OK;
            case CAS -> KvOutput.cas(r.getCas().getSucceeded());
            case GET -> KvOutput.read(r.getGet().getFound() ? r.getGet().getKv().getValue().toStringUtf8() : null);
            default -> null;
        };
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }
}
