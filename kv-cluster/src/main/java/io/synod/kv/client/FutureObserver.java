package io.synod.kv.client;

import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;

/** Completes a future with a unary call's single response or its failure. */
public final class FutureObserver<T> implements StreamObserver<T> {

    private final CompletableFuture<T> future;
    private T value;

    public FutureObserver(CompletableFuture<T> future) {
        this.future = future;
    }

    @Override
    public void onNext(T response) {
        value = response;
    }

    @Override
    public void onError(Throwable t) {
        future.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        future.complete(value);
    }
}
