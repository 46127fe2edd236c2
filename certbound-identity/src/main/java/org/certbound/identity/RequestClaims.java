package org.certbound.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What a signature binds a cross-cluster request to, apart from the signing time and nonce, which the signer adds.
 *
 * <p>The credentials, subject info and body are carried as SHA-256 digests (Base64url without padding, 43 characters),
 * so an instance contains no secret and may be logged. {@link #of} computes them from the raw values.
 *
 * @param action the transport action name, for example {@code indices:data/read/search}
 * @param targetCluster the fulfilling cluster's name, as both sides know it
 * @param credentialsDigest SHA-256 of the UTF-8 credentials header value
 * @param subjectInfoDigest SHA-256 of the UTF-8 subject info header value
 * @param bodyDigest SHA-256 of the request body bytes
 */
public record RequestClaims(
        String action, String targetCluster, String credentialsDigest, String subjectInfoDigest, String bodyDigest) {
    /** Maximum length of {@link #action()} and {@link #targetCluster()}. */
    public static final int MAX_NAME_LENGTH = 256;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * Validates the claims.
     *
     * @throws IllegalArgumentException if a name is empty, longer than {@link #MAX_NAME_LENGTH}, or contains a character
     *     outside printable ASCII or one of {@code "} and {@code \}, or a digest is not 43 Base64url characters
     */
    public RequestClaims {
        checkName(action, "action");
        checkName(targetCluster, "targetCluster");
        checkDigest(credentialsDigest, "credentialsDigest");
        checkDigest(subjectInfoDigest, "subjectInfoDigest");
        checkDigest(bodyDigest, "bodyDigest");
    }

    /**
     * Returns claims with the digests of the raw values.
     *
     * @param credentials the credentials header value; it is digested and not kept
     * @param subjectInfo the subject info header value
     * @param body the request body; use an empty array for none
     */
    public static RequestClaims of(
            String action, String targetCluster, CharSequence credentials, String subjectInfo, byte[] body) {
        return new RequestClaims(action, targetCluster, digest(credentials), digest(subjectInfo), digest(body));
    }

    /** Returns the Base64url SHA-256 digest of the UTF-8 encoding of {@code text}, zeroing the encoded copy. */
    public static String digest(CharSequence text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return digest(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** Returns the Base64url SHA-256 digest of {@code bytes}. */
    public static String digest(byte[] bytes) {
        MessageDigest sha256 = CertificateFingerprint.newSha256();
        return BASE64URL.encodeToString(sha256.digest(bytes));
    }

    private static void checkName(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "[" + name + "] must be 1 to " + MAX_NAME_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("[" + name + "] must be printable ASCII without '\"' and '\\',"
                        + " got [" + value + "] with character U+" + String.format("%04X", (int) c) + " at " + i);
            }
        }
    }

    private static void checkDigest(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length() != 43 || !value.chars().allMatch(RequestClaims::isBase64Url)) {
            throw new IllegalArgumentException("[" + name + "] must be a Base64url SHA-256 digest of 43 characters");
        }
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
