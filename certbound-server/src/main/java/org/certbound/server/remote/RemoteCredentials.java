package org.certbound.server.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.certbound.server.remote.wire.CrossClusterHeaders;

/**
 * The cross-cluster API key of one alias, from the keystore setting {@code cluster.remote.<alias>.credentials}.
 *
 * <p>Security: {@link #toString()} prints only the key id; {@link #unsafeHeaderValue()} returns the
 * secret and has a greppable name.
 */
public final class RemoteCredentials {

    private final String apiKeyId;
    private final char[] encoded;

    private RemoteCredentials(String apiKeyId, char[] encoded) {
        this.apiKeyId = apiKeyId;
        this.encoded = encoded;
    }

    /**
     * Parses the {@code encoded} value of a cross-cluster API key: Base64 of {@code id:secret}.
     *
     * <p>Surrounding whitespace, such as the newline that {@code echo} without {@code -n} appends, is
     * removed; the caller logs a warning when {@link #wasTrimmed} says so.
     *
     * @param alias the alias, for the error message
     * @param value the keystore value
     * @return the credentials
     * @throws IllegalArgumentException when the value is not Base64 of {@code id:secret}; the message
     *     names the setting and never repeats the value
     */
    public static RemoteCredentials parse(String alias, CharSequence value) {
        String settingKey = "cluster.remote." + alias + ".credentials";
        String trimmed = value.toString().strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[" + settingKey + "] is not in the expected encoded form: use the"
                    + " [encoded] value that POST /_security/cross_cluster/api_key returned, not the id and api_key"
                    + " pair");
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        // The remote accepts one spelling per key, so a value stored without its padding is sent re-encoded.
        char[] canonical = Base64.getEncoder().encodeToString(decoded).toCharArray();
        Arrays.fill(decoded, (byte) 0);
        int colon = pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            Arrays.fill(canonical, '\0');
            throw new IllegalArgumentException("[" + settingKey + "] is not in the expected encoded form: it must be"
                    + " Base64 of [<id>:<api_key>], as in the [encoded] value of the create API key response");
        }
        return new RemoteCredentials(pair.substring(0, colon), canonical);
    }

    /**
     * Returns whether a keystore value has whitespace around it that {@link #parse} removes.
     *
     * @param value the keystore value
     * @return true when trimming changed it
     */
    public static boolean wasTrimmed(CharSequence value) {
        String text = value.toString();
        return !text.equals(text.strip());
    }

    /** Returns the API key id, which is safe to log. */
    public String apiKeyId() {
        return apiKeyId;
    }

    /** Returns the credentials header value {@code ApiKey <encoded>}; it contains the secret. */
    public String unsafeHeaderValue() {
        return CrossClusterHeaders.API_KEY_SCHEME + new String(encoded);
    }

    /** Returns whether both hold the same key and secret. */
    public boolean sameAs(Optional<RemoteCredentials> other) {
        return other.isPresent()
                && java.security.MessageDigest.isEqual(
                        new String(encoded).getBytes(StandardCharsets.UTF_8),
                        new String(other.get().encoded).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RemoteCredentials[apiKeyId=" + apiKeyId + "]";
    }
}
