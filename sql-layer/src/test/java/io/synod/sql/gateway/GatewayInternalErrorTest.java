package io.synod.sql.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An Error thrown while serving a request (not an exception) still gets an answer. */
class GatewayInternalErrorTest {

    /** Calcite connections whose statements fail with an AssertionError on any SQL containing "BOOM". */
    private static final ConnectionFactory FAILING = info -> {
        Connection real = TestGateways.CALCITE.open(info);
        return (Connection) Proxy.newProxyInstance(GatewayInternalErrorTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    return result instanceof Statement statement ? failingOnBoom(statement) : result;
                });
    };

    private static Statement failingOnBoom(Statement real) {
        return (Statement) Proxy.newProxyInstance(GatewayInternalErrorTest.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute") && args != null && args.length > 0
                            && String.valueOf(args[0]).contains("BOOM")) {
                        throw new AssertionError("planner invariant broken by " + args[0]);
                    }
                    return invoke(method, real, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anErrorInTheEngineIsAnsweredInsteadOfLeavingTheClientWaiting() throws Exception {
        try (TestGateways gateways = new TestGateways(1, FAILING, GatewayConfig::defaults);
             Connection c = DriverManager.getConnection(gateways.url());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT 'BOOM' FROM (VALUES (1))"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("AssertionError");
            try (Statement again = c.createStatement()) {
                assertThat(again.execute("VALUES 1")).as("the gateway still serves").isTrue();
            }
        }
    }
}
