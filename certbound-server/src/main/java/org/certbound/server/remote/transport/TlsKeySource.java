package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.server.settings.SecureString;

/**
 * The source of a TLS endpoint's certificate chain and private key: PEM files or one entry of a PKCS#12 or JKS
 * keystore. Each form carries the prefix of the settings it came from, so that load errors name them.
 */
public sealed interface TlsKeySource {

    /** Returns the files to watch for changes. */
    List<Path> files();

    /**
     * A PEM certificate chain, leaf first, and its PEM private key.
     *
     * @param certificate the certificate chain file
     * @param key the private key file
     * @param settingPrefix the settings prefix, such as {@code xpack.security.remote_cluster_server.ssl}
     */
    record Pem(Path certificate, Path key, String settingPrefix) implements TlsKeySource {

        /** Checks the components. */
        public Pem {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(settingPrefix, "settingPrefix");
        }

        @Override
        public List<Path> files() {
            return List.of(certificate, key);
        }
    }

    /**
     * One private key entry of a keystore.
     *
     * <p>Security: the passwords are kept for reloads of the file; {@link #toString()} names the file only.
     *
     * @param path the keystore file
     * @param type {@code PKCS12} or {@code JKS}, or empty to infer it from the file name
     * @param alias the entry to use, or empty when the keystore contains one private key entry
     * @param password the keystore password, or empty for none
     * @param keyPassword the entry password, or empty to use {@code password}
     * @param settingPrefix the settings prefix, such as {@code xpack.security.remote_cluster_server.ssl}
     */
    record Keystore(
            Path path,
            String type,
            String alias,
            Optional<SecureString> password,
            Optional<SecureString> keyPassword,
            String settingPrefix)
            implements TlsKeySource {

        /** Checks the components. */
        public Keystore {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(keyPassword, "keyPassword");
            Objects.requireNonNull(settingPrefix, "settingPrefix");
        }

        @Override
        public List<Path> files() {
            return List.of(path);
        }

        /** Names the file and the settings; never the passwords. */
        @Override
        public String toString() {
            return "Keystore[" + settingPrefix + ".keystore.path=" + path + "]";
        }
    }
}
