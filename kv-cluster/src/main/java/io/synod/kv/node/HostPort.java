package io.synod.kv.node;

import java.net.InetSocketAddress;

/** A "host:port" address as flags and config files give it. */
public record HostPort(String host, int port) {

    /** Parses "host:port" (port 1..65535). */
    public static HostPort parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number in '" + address + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + address + "'");
        }
        return new HostPort(address.substring(0, colon), port);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
