package org.certbound.server.remote;

import java.net.InetSocketAddress;
import java.util.List;

/** Parses the {@code host:port} values of {@code seeds} and {@code proxy_address}. */
final class Addresses {

    private Addresses() {}

    static InetSocketAddress parse(String settingKey, String value) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(
                    "[" + settingKey + "] value [" + value + "] must be [host:port], for example [127.0.0.1:9443]");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[" + settingKey + "] value [" + value + "] has an invalid port", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "[" + settingKey + "] value [" + value + "] has port [" + port + "]; it must be 1 to 65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    static List<InetSocketAddress> parseAll(String settingKey, List<String> values) {
        return values.stream().map(value -> parse(settingKey, value)).toList();
    }

    static InetSocketAddress resolve(InetSocketAddress address) {
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }
}
