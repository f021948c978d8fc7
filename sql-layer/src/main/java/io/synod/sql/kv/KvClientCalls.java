package io.synod.sql.kv;

import io.synod.kv.client.KvException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for a KV client call, unwrapping its {@link KvException}. */
final class KvClientCalls {

    private KvClientCalls() {
    }

    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof KvException k) {
                throw k;
            }
            throw new KvException(KvException.Kind.INTERNAL, String.valueOf(e.getCause()), e.getCause());
        } catch (CancellationException e) {
            throw new KvException(KvException.Kind.CLOSED, "the call was cancelled", e);
        }
    }
}
