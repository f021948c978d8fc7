package io.synod.jdbc;

import io.synod.jdbc.transport.GatewayTransport;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.RemoteProtobufService;

/**
 * Avatica's protobuf client service over a connection's {@link GatewayTransport}, which it
 * exposes. Requests and responses pass to and from the transport as objects: the transport
 * needs to know what each request is, and decoding Avatica's own encoding again would cost a
 * parse each way per call.
 */
final class SynodService extends RemoteProtobufService {

    private final GatewayTransport transport;

    SynodService(GatewayTransport transport, ProtobufTranslation translation) {
        super(transport, translation);
        this.transport = transport;
    }

    GatewayTransport transport() {
        return transport;
    }

    @Override
    public Response _apply(Request request) {
        Response response = transport.exchange(request);
        if (response instanceof ErrorResponse error) {
            throw error.toException();
        }
        return response;
    }
}
