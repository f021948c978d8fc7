package io.synod.kv.service;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Setup shared by the tests of the gRPC services on an in-JVM {@link ServiceCluster}: the cluster
 * a test starts and the clients and channels it opens are closed after it.
 */
abstract class ServiceClusterTestBase {

    @TempDir
    Path dir;

    ServiceCluster cluster;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    ManagedChannel channel(String address) {
        ManagedChannel ch = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
        closeables.add(() -> {
            ch.shutdownNow();
            ch.awaitTermination(5, TimeUnit.SECONDS);
        });
        return ch;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
