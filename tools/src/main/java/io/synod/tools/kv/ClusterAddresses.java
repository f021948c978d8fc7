package io.synod.tools.kv;

import io.synod.kv.node.HostPort;
import io.synod.tools.UserError;

import java.util.ArrayList;
import java.util.List;

/** The {@code --cluster HOST:PORT[,HOST:PORT...]} flag shared by the client commands. */
public final class ClusterAddresses {

    private ClusterAddresses() {
    }

    /** The addresses in {@code flag}, each checked to be host:port. */
    public static List<String> parse(String flag) {
        List<String> addresses = new ArrayList<>();
        for (String part : flag.split(",")) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            try {
                addresses.add(HostPort.parse(address).toString());
            } catch (IllegalArgumentException e) {
                throw new UserError("--cluster: " + e.getMessage());
            }
        }
        if (addresses.isEmpty()) {
            throw new UserError("--cluster wants HOST:PORT[,HOST:PORT...], got '" + flag + "'");
        }
        return addresses;
    }
}
