package io.synod.jdbc.transport;

import com.google.protobuf.ByteString;
import io.synod.proto.sql.AvaticaFrame;
import io.synod.proto.sql.CancelRequest;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The transport under one JDBC connection: Avatica's remote client hands it protobuf request
 * bytes, it sends them in a {@code SqlGateway.Call} to the connection's current gateway.
 *
 * <p>Failover. When the gateway cannot be reached (or no longer knows the connection, e.g. after
 * a restart or an idle timeout) the transport re-creates the session on the next reachable
 * gateway: OpenConnection with the original properties, the last synced connection properties
 * (autocommit, read-only, isolation, schema), the session's SET statements, and every open
 * statement under its old id. Between transactions this is invisible. A transaction under way
 * cannot move: its buffered work died with the old session, so the request fails with SQLState
 * 40003 and so does every statement and commit after it until the application calls rollback().
 * A statement or commit that may have run on the lost gateway also fails with 40003 (outcome
 * unknown) rather than being sent twice. Result sets still being fetched are lost (08006).
 *
 * <p>Calls on one connection are serialised; {@link #cancel} is not, so another thread can stop a
 * running statement.
 */
public final class GatewayTransport implements AvaticaHttpClient, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GatewayTransport.class.getName());
    /** Session requests (open, prepare, sync, metadata) are short; a gateway silent this long is treated as gone. */
    private static final long SESSION_CALL_MILLIS = 30_000;
    /** A statement with a query timeout gets this long beyond it for the gateway's own 57014 answer. */
    private static final long TIMEOUT_SLACK_MILLIS = 5_000;
    private static final long CANCEL_CALL_MILLIS = 5_000;
    /** Recoveries within one request (gateway lost the session, then another failed...). */
    private static final int MAX_RECOVERIES = 4;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final String connectionId;
    private final GatewayTarget target;
    private final Duration failoverTimeout;
    private final Set<String> privateProperties;
    private final ProtobufTranslation translation = new ProtobufTranslationImpl();
    private final SessionJournal journal = new SessionJournal();
    private final Map<Integer, Long> queryTimeouts = new ConcurrentHashMap<>();
    private volatile int current;
    private volatile long networkTimeoutMillis;

    /**
     * @param privateProperties connection properties meant for the driver alone, never sent
     */
    public GatewayTransport(String connectionId, GatewayTarget target, Duration failoverTimeout,
                            Set<String> privateProperties) {
        this.connectionId = connectionId;
        this.target = target;
        this.failoverTimeout = failoverTimeout;
        this.privateProperties = Set.copyOf(privateProperties);
        // Spread connections over the gateways; failover walks on from there.
        this.current = ThreadLocalRandom.current().nextInt(target.names().size());
    }

    /** Statement.setQueryTimeout: enforced by the gateway (cancel + 57014), with a client deadline as backstop. */
    public void queryTimeout(int statementId, long millis) {
        if (millis > 0) {
            queryTimeouts.put(statementId, millis);
        } else {
            queryTimeouts.remove(statementId);
        }
    }

    /** Connection.setNetworkTimeout: how long to wait for any answer (0 = as long as the gateway is alive). */
    public void networkTimeout(long millis) {
        networkTimeoutMillis = millis;
    }

    /** The gateway currently serving this connection. */
    public String currentGateway() {
        return target.names().get(current);
    }

    /** Statement.cancel: asks the current gateway to stop the statement; false if it was not running there. */
    public boolean cancel(int statementId) throws SQLException {
        int index = current;
        try {
            return GatewayCall.cancel(target.channel(index), CancelRequest.newBuilder()
                    .setConnectionId(connectionId).setStatementId(statementId).build(), CANCEL_CALL_MILLIS);
        } catch (GatewayCall.Failed e) {
            throw new SQLException("cannot cancel: gateway " + target.names().get(index) + " did not answer ("
                    + e.status.getCode() + ")", TransportErrors.CONNECTION_FAILURE, e);
        }
    }

    /** {@link #exchange} for encoded requests and responses. */
    @Override
    public byte[] send(byte[] requestBytes) {
        Service.Request request;
        try {
            request = translation.parseRequest(requestBytes);
        } catch (IOException e) {
            return serialize(error(TransportErrors.GENERAL_ERROR,
                    "cannot decode the driver's own request: " + e.getMessage()));
        }
        return serialize(exchange(request));
    }

    /**
     * Sends {@code request} to the current gateway (failing over as described above) and returns
     * its answer; the driver's own errors come back as ErrorResponses. Avatica's request and
     * response objects are passed as they are, so nothing is encoded or decoded twice.
     */
    public synchronized Service.Response exchange(Service.Request request) {
        if (request instanceof Service.OpenConnectionRequest open) {
            Map<String, String> info = new HashMap<>(open.info);
            info.keySet().removeAll(privateProperties);
            journal.opened(info);
            request = new Service.OpenConnectionRequest(connectionId, info);
        }
        Service.Response refused = refused(request);
        if (refused != null) {
            return refused;
        }
        byte[] requestBytes = serialize(request);
        RequestKind kind = RequestKind.of(request);
        for (int recoveries = 0; ; recoveries++) {
            int index = current;
            GatewayCall.Failed failure;
            try {
                AvaticaFrame answer = GatewayCall.call(target.channel(index), frame(request, requestBytes),
                        deadlineMillis(request));
                Service.Response response = translation.parseResponse(
                        WireNames.fromWire(answer.getPayload().toByteArray()));
                if (recoveries < MAX_RECOVERIES) {
                    boolean sessionLost = sessionMissing(request, response);
                    if (!sessionLost && statementMissing(request, response)) {
                        Restore restore = restoreStatement(index, RequestKind.statementId(request));
                        if (restore == Restore.DONE) {
                            continue;
                        }
                        // SESSION_MISSING: the whole connection expired, not just the statement.
                        sessionLost = restore == Restore.SESSION_MISSING;
                    }
                    if (sessionLost) {
                        String why = "gateway " + target.names().get(index) + " no longer held the connection";
                        if (!recoverOn(index, why)) {
                            return error(TransportErrors.CONNECTION_FAILURE, "connection lost: " + why
                                    + ", and no gateway could take it over");
                        }
                        Service.Response after = refused(request);
                        if (after != null) {
                            return after;
                        }
                        continue;
                    }
                }
                journal.sent(request);
                journal.afterResponse(request, response);
                return response;
            } catch (IOException e) {
                return error(TransportErrors.GENERAL_ERROR, "cannot decode the gateway's answer: " + e.getMessage());
            } catch (GatewayCall.Failed e) {
                failure = e;
            }
            if (!failure.unreachable() || recoveries >= MAX_RECOVERIES) {
                return error(TransportErrors.sqlState(failure.status), describe(failure, index, request));
            }
            String lost = target.names().get(index);
            String why = "gateway " + lost + " became unreachable (" + failure.status.getCode() + ")";
            if (failure.maybeDelivered) {
                // It may have run there: a transaction it belonged to is now under way, and lost.
                journal.sent(request);
            }
            if (kind == RequestKind.CLOSE_CONNECTION) {
                // Nothing to move: the session dies with the gateway.
                return new Service.CloseConnectionResponse(null);
            }
            if (!failOver(index, why)) {
                return error(TransportErrors.CONNECTION_FAILURE, why + " and no other gateway answered within "
                        + failoverTimeout.toMillis() + " ms (tried " + String.join(", ", target.names()) + ")");
            }
            if (failure.maybeDelivered && kind.unsafeToRepeat() && !journal.readOnly(request)) {
                return error(TransportErrors.TRANSACTION_CUT_OFF, "the outcome of this "
                        + (kind == RequestKind.COMMIT ? "commit" : "statement") + " is unknown: " + why
                        + " while it ran; the connection moved to " + currentGateway()
                        + ". Check whether it took effect before retrying");
            }
            Service.Response after = refused(request);
            if (after != null) {
                return after;
            }
        }
    }

    /** The error answer if the journal refuses {@code request} (e.g. a transaction cut off by failover), else null. */
    private Service.Response refused(Service.Request request) {
        SessionJournal.Refusal refusal = journal.refusal(request);
        return refusal == null ? null : error(refusal.sqlState(), refusal.message());
    }

    private static boolean sessionMissing(Service.Request request, Service.Response response) {
        return response instanceof Service.ErrorResponse error
                && error.errorCode == Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE
                && !(request instanceof Service.OpenConnectionRequest)
                && !(request instanceof Service.CloseConnectionRequest);
    }

    /** The gateway dropped an idle statement: a plain or prepared one can be re-created and the request repeated. */
    private boolean statementMissing(Service.Request request, Service.Response response) {
        boolean missing = response instanceof Service.ExecuteResponse executed && executed.missingStatement
                || response instanceof Service.ExecuteBatchResponse batch && batch.missingStatement;
        if (!missing) {
            return false;
        }
        SessionJournal.StatementRecord record = journal.statement(RequestKind.statementId(request));
        return record != null && !record.metadata && record.lost == null;
    }

    private AvaticaFrame frame(Service.Request request, byte[] bytes) {
        AvaticaFrame.Builder frame = AvaticaFrame.newBuilder().setPayload(ByteString.copyFrom(WireNames.toWire(bytes)));
        Integer statementId = RequestKind.statementId(request);
        if (statementId != null) {
            frame.setConnectionId(connectionId).setStatementId(statementId);
            Long timeout = queryTimeouts.get(statementId);
            if (timeout != null && RequestKind.of(request).executes()) {
                frame.setQueryTimeoutMs(timeout);
            }
        }
        return frame.build();
    }

    private long deadlineMillis(Service.Request request) {
        Integer statementId = RequestKind.statementId(request);
        Long timeout = statementId == null ? null : queryTimeouts.get(statementId);
        long network = networkTimeoutMillis;
        if (RequestKind.of(request).executes()) {
            if (timeout != null) {
                return timeout + TIMEOUT_SLACK_MILLIS;
            }
            return network;
        }
        return network > 0 ? Math.min(network, SESSION_CALL_MILLIS) : SESSION_CALL_MILLIS;
    }

    // ------------------------------------------------------------------ recovery

    /** Re-creates the session on gateway {@code index}, or fails over from it if it is unreachable. */
    private boolean recoverOn(int index, String why) {
        try {
            reestablish(index, why);
            return true;
        } catch (GatewayCall.Failed e) {
            return failOver(index, why);
        } catch (SessionRefused e) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0} refused to re-create the session: {1}",
                    target.names().get(index), e.getMessage());
            return failOver(index, why);
        }
    }

    /** Moves the session to the first other gateway that takes it, retrying all of them until the failover timeout. */
    private boolean failOver(int from, String why) {
        int n = target.names().size();
        long deadline = System.nanoTime() + failoverTimeout.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            for (int step = 1; step <= n; step++) {
                int index = (from + step) % n;
                target.reconnectNow(index);
                try {
                    reestablish(index, why + "; the connection moved to gateway " + target.names().get(index));
                    LOG.log(System.Logger.Level.INFO, "connection {0}: {1}; moved to gateway {2}",
                            connectionId, why, target.names().get(index));
                    return true;
                } catch (GatewayCall.Failed | SessionRefused e) {
                    LOG.log(System.Logger.Level.DEBUG, "gateway {0} cannot take the connection: {1}",
                            target.names().get(index), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** The gateway answered but would not open the connection (e.g. its connection limit). */
    private static final class SessionRefused extends Exception {
        private static final long serialVersionUID = 1L;

        SessionRefused(String message) {
            super(message, null, false, false);
        }
    }

    private void reestablish(int index, String why) throws GatewayCall.Failed, SessionRefused {
        // A session left on this gateway from an earlier visit is stale: start afresh.
        exchange(index, new Service.CloseConnectionRequest(connectionId), null);
        Service.Response opened = exchange(index, new Service.OpenConnectionRequest(connectionId, journal.openInfo()),
                null);
        if (opened instanceof Service.ErrorResponse error) {
            throw new SessionRefused(error.errorMessage);
        }
        ConnectionPropertiesImpl properties = journal.properties();
        if (properties != null) {
            ConnectionPropertiesImpl replay = new ConnectionPropertiesImpl().merge(properties);
            replay.setDirty(true);
            Service.Response synced = exchange(index, new Service.ConnectionSyncRequest(connectionId, replay), null);
            if (synced instanceof Service.ErrorResponse error) {
                throw new SessionRefused("connection properties: " + error.errorMessage);
            }
        }
        for (String setting : journal.settings()) {
            replaySetting(index, setting);
        }
        current = index;
        journal.sessionRecreated(why);
        journal.restorable().forEach((id, record) -> restoreOrMarkLost(index, id, record, why));
    }

    private void replaySetting(int index, String sql) throws GatewayCall.Failed, SessionRefused {
        Service.Response created = exchange(index, new Service.CreateStatementRequest(connectionId), null);
        if (!(created instanceof Service.CreateStatementResponse statement)) {
            throw new SessionRefused("cannot replay " + sql);
        }
        Service.Response ran = exchange(index,
                new Service.PrepareAndExecuteRequest(connectionId, statement.statementId, sql, -1), null);
        exchange(index, new Service.CloseStatementRequest(connectionId, statement.statementId), null);
        if (ran instanceof Service.ErrorResponse error) {
            throw new SessionRefused("replaying '" + sql + "' failed: " + error.errorMessage);
        }
    }

    private enum Restore { DONE, LOST, SESSION_MISSING }

    private Restore restoreOrMarkLost(int index, int id, SessionJournal.StatementRecord record, String why) {
        try {
            Service.Request request = record.sql == null
                    ? new Service.CreateStatementRequest(connectionId)
                    : new Service.PrepareRequest(connectionId, record.sql, record.maxRowCount);
            Service.Response response = exchange(index, request, id);
            if (response instanceof Service.ErrorResponse error) {
                if (error.errorCode == Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
                    return Restore.SESSION_MISSING;
                }
                journal.statementLost(id, "statement " + id + " could not be re-created after " + why + ": "
                        + error.errorMessage);
                return Restore.LOST;
            }
            return Restore.DONE;
        } catch (GatewayCall.Failed e) {
            journal.statementLost(id, "statement " + id + " could not be re-created after " + why
                    + ": the gateway did not answer");
            return Restore.LOST;
        }
    }

    /** Re-creates a statement the gateway closed while idle, under its id. */
    private Restore restoreStatement(int index, int id) {
        return restoreOrMarkLost(index, id, journal.statement(id), "the gateway closed it while idle");
    }

    private Service.Response exchange(int index, Service.Request request, Integer restoreId) throws GatewayCall.Failed {
        AvaticaFrame.Builder frame = AvaticaFrame.newBuilder()
                .setPayload(ByteString.copyFrom(WireNames.toWire(serialize(request))));
        if (restoreId != null) {
            frame.setRestoreStatementId(restoreId);
        }
        AvaticaFrame answer = GatewayCall.call(target.channel(index), frame.build(), SESSION_CALL_MILLIS);
        try {
            return translation.parseResponse(WireNames.fromWire(answer.getPayload().toByteArray()));
        } catch (IOException e) {
            throw new GatewayCall.Failed(io.grpc.Status.INTERNAL.withDescription(e.getMessage()), true);
        }
    }

    // ------------------------------------------------------------------ encoding

    private byte[] serialize(Object message) {
        try {
            return message instanceof Service.Request request
                    ? translation.serializeRequest(request)
                    : translation.serializeResponse((Service.Response) message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static Service.ErrorResponse error(String sqlState, String message) {
        return TransportErrors.error(sqlState, message);
    }

    private String describe(GatewayCall.Failed failure, int index, Service.Request request) {
        String gateway = target.names().get(index);
        return switch (failure.status.getCode()) {
            case DEADLINE_EXCEEDED -> {
                Integer id = RequestKind.statementId(request);
                yield id != null && queryTimeouts.containsKey(id)
                        ? "query timed out: gateway " + gateway + " did not answer within the query timeout"
                        : "gateway " + gateway + " did not answer within the network timeout";
            }
            case RESOURCE_EXHAUSTED -> "gateway " + gateway + " is overloaded: "
                    + failure.status.getDescription();
            default -> "gateway " + gateway + " failed the request: " + failure.status;
        };
    }

    /** Releases the channels. The server-side session is closed by the CloseConnection request before. */
    @Override
    public void close() {
        target.close();
    }
}
