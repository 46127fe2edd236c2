package org.certbound.server.apikey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Generates API key ids and secrets from a {@link SecureRandom}. */
final class ApiKeyGenerator {
    private static final int ID_BYTES = 15;
    private static final int SECRET_BYTES = 16;

    private final SecureRandom random;

    ApiKeyGenerator(SecureRandom random) {
        this.random = random;
    }

    /** Returns a 20-character URL-safe Base64 id. */
    String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Returns a 22-character URL-safe Base64 secret, 128 random bits; the caller zeroes it. */
    char[] newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(bytes);
        try {
            char[] secret = new char[encoded.length];
            for (int i = 0; i < encoded.length; i++) {
                secret[i] = (char) encoded[i];
            }
            return secret;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Returns {@code base64(id + ":" + secret)} in the standard alphabet with padding; the caller zeroes it. */
    static char[] encode(String id, char[] secret) {
        char[] joined = new char[id.length() + 1 + secret.length];
        id.getChars(0, id.length(), joined, 0);
        joined[id.length()] = ':';
        System.arraycopy(secret, 0, joined, id.length() + 1, secret.length);
        byte[] ascii = new byte[joined.length];
        byte[] encoded = null;
        try {
            for (int i = 0; i < joined.length; i++) {
                ascii[i] = (byte) joined[i];
            }
            encoded = Base64.getEncoder().encode(ascii);
            char[] result = new char[encoded.length];
            for (int i = 0; i < encoded.length; i++) {
                result[i] = (char) encoded[i];
            }
            return result;
        } finally {
            Arrays.fill(joined, '\0');
            Arrays.fill(ascii, (byte) 0);
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }
}
