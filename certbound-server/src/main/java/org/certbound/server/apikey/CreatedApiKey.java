package org.certbound.server.apikey;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A new key as the create APIs return it, with its secret: the only time the secret leaves the node.
 *
 * <p>Security: {@link #close()} zeroes the secret and the encoded credentials, and {@link #toString()} omits both.
 */
final class CreatedApiKey implements AutoCloseable {
    private final String id;
    private final String name;
    private final @Nullable Instant expiration;
    private final char[] secret;
    private final char[] encoded;

    CreatedApiKey(String id, String name, @Nullable Instant expiration, char[] secret) {
        this.id = id;
        this.name = name;
        this.expiration = expiration;
        this.secret = secret;
        this.encoded = ApiKeyGenerator.encode(id, secret);
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    @Nullable
    Instant expiration() {
        return expiration;
    }

    /** Returns the live secret buffer; the response writer copies it out once. */
    char[] unsafeSecret() {
        return secret;
    }

    /** Returns the live {@code base64(id:secret)} buffer. */
    char[] unsafeEncoded() {
        return encoded;
    }

    @Override
    public void close() {
        Arrays.fill(secret, '\0');
        Arrays.fill(encoded, '\0');
    }

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", name=" + name + "]";
    }
}
