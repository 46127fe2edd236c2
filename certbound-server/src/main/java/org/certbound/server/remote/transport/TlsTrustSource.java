package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.server.settings.SecureString;

/**
 * The source of a TLS endpoint's trusted certificate authorities: PEM files or the trusted certificate entries of
 * a PKCS#12 or JKS truststore. Each form carries the prefix of the settings it came from, so that load errors name
 * them.
 */
public sealed interface TlsTrustSource {

    /** Returns the files to watch for changes. */
    List<Path> files();

    /**
     * PEM files, each with one or more CA certificates.
     *
     * @param authorities the files, at least one
     * @param settingPrefix the settings prefix, such as {@code xpack.security.remote_cluster_client.ssl}
     */
    record PemAuthorities(List<Path> authorities, String settingPrefix) implements TlsTrustSource {

        /** Checks the components and copies the list. */
        public PemAuthorities {
            Objects.requireNonNull(settingPrefix, "settingPrefix");
            authorities = List.copyOf(authorities);
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("[" + settingPrefix + ".certificate_authorities] lists no file");
            }
        }

        @Override
        public List<Path> files() {
            return authorities;
        }
    }

    /**
     * A truststore, whose trusted certificate entries are the authorities.
     *
     * <p>Security: the password is kept for reloads of the file; {@link #toString()} names the file only.
     *
     * @param path the truststore file
     * @param type {@code PKCS12} or {@code JKS}, or empty to infer it from the file name
     * @param password the truststore password, or empty for none
     * @param settingPrefix the settings prefix, such as {@code xpack.security.remote_cluster_client.ssl}
     */
    record Truststore(Path path, String type, Optional<SecureString> password, String settingPrefix)
            implements TlsTrustSource {

        /** Checks the components. */
        public Truststore {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(settingPrefix, "settingPrefix");
        }

        @Override
        public List<Path> files() {
            return List.of(path);
        }

        /** Names the file and the settings; never the password. */
        @Override
        public String toString() {
            return "Truststore[" + settingPrefix + ".truststore.path=" + path + "]";
        }
    }
}
