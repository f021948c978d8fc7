package io.synod.sql.gateway;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Avatica's protobuf request handler whose errors keep their SQLState and one-line message
 * (see {@link GatewayErrors}).
 */
final class GatewayHandler extends ProtobufHandler {

    private static final int HTTP_OK = 200;

    private final ProtobufTranslation translation;

    private GatewayHandler(Service service, ProtobufTranslation translation) {
        super(service, translation, NoopMetricsSystem.getInstance());
        this.translation = translation;
    }

    static GatewayHandler over(Service service) {
        return new GatewayHandler(service, new ProtobufTranslationImpl());
    }

    @Override
    public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
        return super.convertToErrorResponse(GatewayErrors.toAvatica(e));
    }

    /**
     * Serves a CreateStatement or Prepare request that re-creates a failed-over client's
     * statement under {@code statementId}.
     */
    HandlerResponse<byte[]> restore(byte[] payload, int statementId, GatewayMeta meta) {
        try {
            Service.Request request = translation.parseRequest(payload);
            Service.Response response;
            if (request instanceof Service.CreateStatementRequest create) {
                meta.restoreStatement(create.connectionId, statementId, null, -1);
                response = new Service.CreateStatementResponse(create.connectionId, statementId, null);
            } else if (request instanceof Service.PrepareRequest prepare) {
                response = new Service.PrepareResponse(
                        meta.restoreStatement(prepare.connectionId, statementId, prepare.sql, prepare.maxRowCount),
                        null);
            } else {
                throw new IllegalArgumentException("only CreateStatement and Prepare re-create statements, not "
                        + request.getClass().getSimpleName());
            }
            return new HandlerResponse<>(translation.serializeResponse(response), HTTP_OK);
        } catch (Exception e) {
            return convertToErrorResponse(e);
        }
    }

    /** An encoded ErrorResponse, for errors the gateway itself decides (timeouts). */
    byte[] errorResponse(String message, String sqlState) {
        try {
            return translation.serializeResponse(new Service.ErrorResponse(List.of(), message, 0, sqlState,
                    AvaticaSeverity.ERROR, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
