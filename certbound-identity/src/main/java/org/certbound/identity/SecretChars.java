package org.certbound.identity;

import java.util.Arrays;

/**
 * A password or passphrase held as a {@code char[]} that prints as a fixed mask and is zeroed on close.
 *
 * <p>Read access goes through {@link #unsafeChars()} so that every use can be found by a search. Instances are not
 * thread-safe once closed concurrently with a read.
 */
public final class SecretChars implements AutoCloseable {
    private final char[] chars;
    private volatile boolean closed;

    private SecretChars(char[] chars) {
        this.chars = chars;
    }

    /** Copies {@code chars} into a new secret; the caller may zero its own array afterwards. */
    public static SecretChars copyOf(char[] chars) {
        return new SecretChars(chars.clone());
    }

    /** Returns the secret's characters without copying; the array is zeroed when this secret is closed. */
    public char[] unsafeChars() {
        if (closed) {
            throw new IllegalStateException("secret is already closed");
        }
        return chars;
    }

    /** Returns whether the secret contains no characters. */
    public boolean isEmpty() {
        return chars.length == 0;
    }

    /** Zeroes the characters; later reads throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(chars, '\0');
    }

    /** Returns a fixed mask, never the secret or its length. */
    @Override
    public String toString() {
        return "SecretChars[****]";
    }
}
