package org.certbound.server.settings;

import java.util.Optional;
import java.util.Set;

/**
 * A source of secure settings, usually the node's keystore. Every returned value is a fresh copy that the
 * caller owns and should close or zero.
 */
public interface SecureSettings extends AutoCloseable {

    /** An empty source, for nodes without a keystore. */
    SecureSettings EMPTY = new SecureSettings() {
        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Optional<SecureString> getString(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> getFile(String key) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    };

    /** Returns the names of every entry. */
    Set<String> keys();

    /** Returns the string entry {@code key}, or empty when absent. */
    Optional<SecureString> getString(String key);

    /** Returns the file entry {@code key}, or empty when absent. */
    Optional<byte[]> getFile(String key);

    /** Zeroes the entries. */
    @Override
    void close();
}
