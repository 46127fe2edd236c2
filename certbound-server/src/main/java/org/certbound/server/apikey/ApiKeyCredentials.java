package org.certbound.server.apikey;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An API key id and its secret, decoded from the {@code encoded} form {@code base64(id + ":" + secret)}.
 *
 * <p>Security: the secret lives in a {@code char[]} that {@link #close()} zeroes, {@link #toString()} prints the id
 * only, and no parse error repeats any part of the input.
 */
public final class ApiKeyCredentials implements AutoCloseable {
    /** The scheme of the HTTP {@code Authorization} header that carries API key credentials. */
    public static final String SCHEME = "ApiKey";

    /** The length of every secret that certbound generates, and the only length a cross-cluster key accepts. */
    public static final int SECRET_LENGTH = 22;

    private static final int MAX_ENCODED_LENGTH = 8 * 1024;

    private final String id;
    private final char[] secret;

    private ApiKeyCredentials(String id, char[] secret) {
        this.id = id;
        this.secret = secret;
    }

    /**
     * Parses the value of an {@code Authorization} header, {@code ApiKey <encoded>}, with the scheme matched
     * case-insensitively.
     *
     * @return the credentials, or {@code null} when the header uses another scheme
     * @throws IllegalArgumentException when the scheme is {@code ApiKey} but the value is not valid credentials
     */
    public static @org.jspecify.annotations.Nullable ApiKeyCredentials fromAuthorizationHeader(String headerValue) {
        String value = headerValue.strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        char[] encoded = value.substring(SCHEME.length()).strip().toCharArray();
        try {
            return decode(encoded);
        } finally {
            Arrays.fill(encoded, '\0');
        }
    }

    /**
     * Decodes {@code base64(id + ":" + secret)}; the caller keeps ownership of {@code encoded} and should zero it.
     *
     * @throws IllegalArgumentException when the value is empty, contains whitespace, is not Base64, has no colon, or
     *     has an empty id or secret
     */
    public static ApiKeyCredentials decode(char[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        checkEncodedForm(encoded);
        byte[] decoded = decodeBase64(encoded);
        char[] chars = null;
        try {
            chars = utf8(decoded);
            return split(chars);
        } finally {
            Arrays.fill(decoded, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /** Returns the API key id; it is not secret. */
    public String id() {
        return id;
    }

    /** Returns the secret's length without revealing it. */
    public int secretLength() {
        return secret.length;
    }

    /**
     * Returns the secret itself. Callers must not keep, log or copy it into a {@code String}.
     *
     * <p>The array is the live buffer that {@link #close()} zeroes.
     */
    char[] unsafeSecret() {
        return secret;
    }

    /** Zeroes the secret. */
    @Override
    public void close() {
        Arrays.fill(secret, '\0');
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[id=" + id + ", secret=<redacted>]";
    }

    private static void checkEncodedForm(char[] encoded) {
        if (encoded.length == 0) {
            throw invalid("the value is empty");
        }
        if (encoded.length > MAX_ENCODED_LENGTH) {
            throw invalid("the value is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        for (int i = 0; i < encoded.length; i++) {
            if (Character.isWhitespace(encoded[i])) {
                throw invalid("the value contains whitespace at position " + i
                        + " (a trailing newline from 'echo' without '-n' is a common cause); remove it");
            }
            if (encoded[i] == ':') {
                throw invalid("the value contains ':', so it looks like the plain 'id:api_key' pair; "
                        + "send the 'encoded' value that the create API returned");
            }
        }
    }

    private static byte[] decodeBase64(char[] encoded) {
        byte[] ascii = new byte[encoded.length];
        try {
            for (int i = 0; i < encoded.length; i++) {
                ascii[i] = encoded[i] < 0x80 ? (byte) encoded[i] : (byte) '!';
            }
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException e) {
            // The JDK's message may quote an input character, so it is not chained.
            throw invalid("the value is not Base64");
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private static char[] utf8(byte[] decoded) {
        CharBuffer buffer = null;
        try {
            buffer = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            char[] chars = new char[buffer.remaining()];
            buffer.get(chars);
            return chars;
        } catch (CharacterCodingException e) {
            throw invalid("the decoded value is not UTF-8");
        } finally {
            if (buffer != null && buffer.hasArray()) {
                Arrays.fill(buffer.array(), '\0');
            }
        }
    }

    private static ApiKeyCredentials split(char[] chars) {
        int colon = -1;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            throw invalid("the decoded value has no ':' between the id and the secret");
        }
        if (colon == 0) {
            throw invalid("the API key id is empty");
        }
        if (colon == chars.length - 1) {
            throw invalid("the API key secret is empty");
        }
        String id = new String(chars, 0, colon);
        return new ApiKeyCredentials(id, Arrays.copyOfRange(chars, colon + 1, chars.length));
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException("invalid API key credentials: " + detail);
    }
}
