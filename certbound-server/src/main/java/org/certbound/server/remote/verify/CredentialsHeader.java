package org.certbound.server.remote.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The parsed credentials header: the encoded API key and, where it decodes, the key id for audit and messages.
 *
 * <p>Security: the encoded value carries the secret. {@link #close()} zeroes it, and {@link #toString()} prints the id
 * only.
 */
final class CredentialsHeader implements AutoCloseable {

    /** An encoded {@code id:secret} longer than this is not a certbound key; the bound keeps decoding cheap. */
    private static final int MAX_ENCODED_LENGTH = 1024;

    private final char[] encoded;
    private final @Nullable String keyId;

    private CredentialsHeader(char[] encoded, @Nullable String keyId) {
        this.encoded = encoded;
        this.keyId = keyId;
    }

    /**
     * Parses {@code ApiKey <encoded>}.
     *
     * @throws CrossClusterAccessException {@code missing_credentials} when the header is absent, and
     *     {@code invalid_credentials} when it has another form; the message never repeats the value
     */
    static CredentialsHeader parse(@Nullable String header) throws CrossClusterAccessException {
        if (header == null || header.isEmpty()) {
            throw CrossClusterAccessException.unauthenticated(
                    FailureCodes.MISSING_CREDENTIALS,
                    "the request has no [" + CrossClusterHeaders.CREDENTIALS + "] header; the remote cluster port"
                            + " accepts only requests with cross-cluster API key credentials, so set"
                            + " [cluster.remote.<alias>.credentials] in the querying cluster's keystore",
                    null);
        }
        // One spelling per key: the signature binds the exact header, and the replay cache keeps one partition per
        // header digest, so other spellings of the same key would each get a partition of their own.
        String scheme = CrossClusterHeaders.API_KEY_SCHEME;
        if (!header.startsWith(scheme)) {
            throw invalid("the credentials must start with [ApiKey ] exactly: that scheme spelling and one space");
        }
        String value = header.substring(scheme.length());
        if (value.isEmpty() || value.length() > MAX_ENCODED_LENGTH || hasWhitespace(value)) {
            throw invalid("the credentials must be the [encoded] value of a cross-cluster API key, without spaces or"
                    + " line breaks");
        }
        byte[] decoded = decodeCanonical(value);
        try {
            return new CredentialsHeader(value.toCharArray(), keyIdOf(decoded));
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** Decodes the value, rejecting any spelling other than the padded standard Base64 of its bytes. */
    private static byte[] decodeCanonical(String value) throws CrossClusterAccessException {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded != null) {
            byte[] again = Base64.getEncoder().encode(decoded);
            boolean canonical = java.security.MessageDigest.isEqual(again, value.getBytes(StandardCharsets.US_ASCII));
            Arrays.fill(again, (byte) 0);
            if (canonical) {
                return decoded;
            }
            Arrays.fill(decoded, (byte) 0);
        }
        throw invalid("the credentials must be the [encoded] value exactly as the create API key response gives it:"
                + " standard Base64 with its padding");
    }

    /** Returns the key id, or null when the value does not decode far enough to name one. */
    @Nullable
    String keyId() {
        return keyId;
    }

    /** Returns the encoded value; it stays owned by this object. */
    char[] unsafeEncoded() {
        return encoded;
    }

    @Override
    public void close() {
        Arrays.fill(encoded, '\0');
    }

    @Override
    public String toString() {
        return "CredentialsHeader[keyId=" + keyId + "]";
    }

    private static @Nullable String keyIdOf(byte[] decoded) {
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                return i == 0 ? null : new String(decoded, 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean hasWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static CrossClusterAccessException invalid(String reason) {
        return CrossClusterAccessException.unauthenticated(FailureCodes.INVALID_CREDENTIALS, reason, null);
    }
}
