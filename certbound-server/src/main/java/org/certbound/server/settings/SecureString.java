package org.certbound.server.settings;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret character sequence that cannot print itself. {@link #toString()} returns {@code <redacted>};
 * the characters are reachable only through {@link #unsafeChars()} and {@link #charAt}. {@link #close()}
 * zeroes them, after which every access throws {@link IllegalStateException}.
 */
public final class SecureString implements CharSequence, AutoCloseable {

    private char[] chars;

    /** Takes ownership of {@code chars}: the caller must not reuse the array. */
    public SecureString(char[] chars) {
        this.chars = chars.clone();
        Arrays.fill(chars, '\0');
    }

    /** Decodes UTF-8 bytes into a new secure string; the caller keeps ownership of {@code utf8}. */
    public static SecureString fromUtf8(byte[] utf8) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return new SecureString(chars);
    }

    /** Returns a copy of the characters; the caller should zero it after use. */
    public synchronized char[] unsafeChars() {
        return ensureOpen().clone();
    }

    /** Returns the UTF-8 encoding as a new array; the caller should zero it after use. */
    public synchronized byte[] unsafeUtf8Bytes() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(ensureOpen()));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** Returns an independent copy that the caller must close. */
    public synchronized SecureString copy() {
        return new SecureString(ensureOpen().clone());
    }

    /** Compares with another secret in time that depends only on the lengths. */
    public boolean constantTimeEquals(SecureString other) {
        byte[] mine = unsafeUtf8Bytes();
        byte[] theirs = other.unsafeUtf8Bytes();
        try {
            return MessageDigest.isEqual(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
            Arrays.fill(theirs, (byte) 0);
        }
    }

    @Override
    public synchronized int length() {
        return ensureOpen().length;
    }

    @Override
    public synchronized char charAt(int index) {
        return ensureOpen()[index];
    }

    @Override
    public synchronized CharSequence subSequence(int start, int end) {
        return new SecureString(Arrays.copyOfRange(ensureOpen(), start, end));
    }

    /** Returns {@code <redacted>}, never the value. */
    @Override
    public String toString() {
        return "<redacted>";
    }

    /** Zeroes the characters. */
    @Override
    public synchronized void close() {
        if (chars != null) {
            Arrays.fill(chars, '\0');
            chars = null;
        }
    }

    private char[] ensureOpen() {
        if (chars == null) {
            throw new IllegalStateException("secure string is closed");
        }
        return chars;
    }
}
