package io.synod.jdbc.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.calcite.avatica.proto.Common;

/**
 * Avatica's protobuf envelope names its message by Java class name, so a driver whose Avatica is
 * relocated (the shaded synod-jdbc.jar) would send and expect relocated names that no gateway
 * knows. This maps envelope names between the local (possibly relocated) and the wire form.
 */
final class WireNames {

    /** The shaded jar's relocation prefix; a literal under our own package, which shading leaves alone. */
    private static final String SHADED_PREFIX = "io.synod.jdbc.shaded.";
    private static final boolean SHADED = Common.WireMessage.class.getName().startsWith(SHADED_PREFIX);

    private WireNames() {
    }

    /** Local envelope → wire envelope. */
    static byte[] toWire(byte[] local) {
        return SHADED ? rename(local, true) : local;
    }

    /** Wire envelope → local envelope. */
    static byte[] fromWire(byte[] wire) {
        return SHADED ? rename(wire, false) : wire;
    }

    private static byte[] rename(byte[] envelope, boolean outgoing) {
        try {
            Common.WireMessage message = Common.WireMessage.parseFrom(envelope);
            String name = message.getName();
            String renamed = outgoing
                    ? (name.startsWith(SHADED_PREFIX) ? name.substring(SHADED_PREFIX.length()) : name)
                    : SHADED_PREFIX + name;
            return message.toBuilder().setName(renamed).build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("malformed Avatica envelope: " + e.getMessage(), e);
        }
    }
}
