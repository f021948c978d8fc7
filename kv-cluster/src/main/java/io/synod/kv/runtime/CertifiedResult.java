package io.synod.kv.runtime;

import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.ReplyCertificate;

/** A command's result with the signed replies of f+1 replicas vouching for it. */
public record CertifiedResult(KvCommandResult result, ReplyCertificate certificate) {
}
