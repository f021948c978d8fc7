package io.synod.jdbc;

import io.synod.jdbc.transport.GatewayTransport;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.RemoteProtobufService;

/** Avatica's protobuf client service over a connection's {@link GatewayTransport}, which it exposes. */
final class SynodService extends RemoteProtobufService {

    private final GatewayTransport transport;

    SynodService(GatewayTransport transport, ProtobufTranslation translation) {
        super(transport, translation);
        this.transport = transport;
    }

    GatewayTransport transport() {
        return transport;
    }
}
