package io.synod.sql.gateway;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * SQL gateways on real loopback ports in this JVM, each over its own server-side connections
 * (plain Calcite unless a test gives another factory), which a test can kill and restart.
 */
final class TestGateways implements AutoCloseable {

    static final String CALCITE_URL = "jdbc:calcite:parserFactory=org.apache.calcite.server.ServerDdlExecutor#PARSER_FACTORY";
    /**
     * Calcite connections, which have no transactions: here commit and rollback do nothing and
     * autocommit is only remembered, so the driver's transaction handling can be exercised.
     */
    static final ConnectionFactory CALCITE = info -> withTransactionCalls(DriverManager.getConnection(CALCITE_URL, info));

    private static Connection withTransactionCalls(Connection calcite) {
        boolean[] autoCommit = {true};
        return (Connection) Proxy.newProxyInstance(TestGateways.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "commit", "rollback" -> null;
                    case "setAutoCommit" -> {
                        autoCommit[0] = (Boolean) args[0];
                        yield null;
                    }
                    case "getAutoCommit" -> autoCommit[0];
                    default -> {
                        try {
                            yield method.invoke(calcite, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private final Function<String, GatewayConfig> configs;
    private final ConnectionFactory factory;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final List<SqlGateway> gateways = new ArrayList<>();
    /** Call RPCs served, per gateway. */
    final List<AtomicInteger> calls = new ArrayList<>();

    TestGateways(int count, ConnectionFactory factory, Function<String, GatewayConfig> configs) {
        this.factory = factory;
        this.configs = configs;
        for (int i = 0; i < count; i++) {
            ports.add(0);
            servers.add(null);
            gateways.add(null);
            calls.add(new AtomicInteger());
            start(i);
        }
    }

    TestGateways(int count) {
        this(count, CALCITE, GatewayConfig::defaults);
    }

    /** Starts gateway i (again: on its old port, with no sessions). */
    void start(int i) {
        SqlGateway gateway = SqlGateway.create(factory, configs.apply("g" + i));
        AtomicInteger counter = calls.get(i);
        ServerInterceptor counting = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                if (call.getMethodDescriptor().getBareMethodName().equals("Call")) {
                    counter.incrementAndGet();
                }
                return next.startCall(call, headers);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", ports.get(i)))
                .directExecutor()
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(gateway.service(), counting))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            gateway.close();
            throw new UncheckedIOException(e);
        }
        ports.set(i, server.getPort());
        servers.set(i, server);
        gateways.set(i, gateway);
    }

    /** Stops gateway i abruptly: its port refuses connections, its sessions are gone. */
    void kill(int i) throws InterruptedException {
        Server server = servers.get(i);
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
            gateways.get(i).close();
            servers.set(i, null);
        }
    }

    SqlGateway gateway(int i) {
        return gateways.get(i);
    }

    String address(int i) {
        return "127.0.0.1:" + ports.get(i);
    }

    int indexOf(String address) {
        for (int i = 0; i < ports.size(); i++) {
            if (address(i).equals(address)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no gateway at " + address);
    }

    String url() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            addresses.add(address(i));
        }
        return "jdbc:synod://" + String.join(",", addresses) + "/";
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < servers.size(); i++) {
            kill(i);
        }
    }
}
