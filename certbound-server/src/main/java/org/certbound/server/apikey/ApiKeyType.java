package org.certbound.server.apikey;

import java.util.Locale;

/** The two kinds of API key, named as Elasticsearch names them in requests and responses. */
public enum ApiKeyType {
    /** A key that authenticates a user on the HTTP port. */
    REST,
    /** A key that authenticates a querying cluster on the remote cluster port only. */
    CROSS_CLUSTER;

    /** Returns the wire name, {@code rest} or {@code cross_cluster}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when the name is neither {@code rest} nor {@code cross_cluster}
     */
    public static ApiKeyType fromValue(String value) {
        for (ApiKeyType type : values()) {
            if (type.value().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "invalid API key type [" + value + "]; expected one of [rest, cross_cluster]");
    }
}
