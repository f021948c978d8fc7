package org.apache.calcite.avatica.remote;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Creates Avatica's remote {@code Meta}, which Avatica keeps package-private. The Synod driver
 * builds its connections with its own Avatica factory and transport; the only other way to get a
 * RemoteMeta is through Avatica's remote Driver, whose class initialiser registers a second
 * driver for {@code jdbc:avatica:remote:} with DriverManager.
 */
public final class RemoteMetaAccess {

    private RemoteMetaAccess() {
    }

    public static Meta create(AvaticaConnection connection, Service service) {
        return new RemoteMeta(connection, service);
    }
}
