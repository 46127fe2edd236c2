package org.certbound.server.remote.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbound.identity.TrustAnchors;

/**
 * Detects a signing trust set that is broader than a cluster's own CAs: more than {@value #MAX_NARROW_ANCHORS}
 * certificates, or a file from the operating system's or the JDK's public CA bundle.
 *
 * <p>Security: the fulfilling cluster admits every holder of a certificate from a trusted CA whose DN matches an API
 * key's {@code certificate_identity} pattern. With public roots in the trust set, anyone who can get a public
 * certificate for a matching name is admitted, so such a configuration is loaded but logged at WARN.
 */
final class TrustBreadth {

    /** The maximum number of trust anchors in a set that does not count as broad; a cluster's own PKI needs a few. */
    static final int MAX_NARROW_ANCHORS = 20;

    /** Directories where Linux distributions keep the system CA bundles. */
    private static final List<Path> SYSTEM_BUNDLE_DIRS = List.of(Path.of("/etc/ssl"), Path.of("/etc/pki"));

    private TrustBreadth() {}

    /**
     * Returns a warning when the trust set is broad, or empty.
     *
     * @param files the CA files or the truststore that the anchors came from
     * @param anchors the loaded anchors
     * @param javaHome the JDK's home directory, whose {@code cacerts} counts as a system bundle
     */
    static Optional<String> warning(List<Path> files, TrustAnchors anchors, Path javaHome) {
        List<String> causes = new ArrayList<>();
        List<Path> bundles =
                files.stream().filter(file -> isSystemBundle(file, javaHome)).toList();
        if (!bundles.isEmpty()) {
            causes.add("it is read from the system CA bundle " + bundles);
        }
        if (anchors.certificates().size() > MAX_NARROW_ANCHORS) {
            causes.add(
                    "it contains " + anchors.certificates().size() + " certificates, more than " + MAX_NARROW_ANCHORS);
        }
        if (causes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the cross-cluster signing trust is broad because " + String.join(" and ", causes)
                + ": every holder of a certificate issued by one of these CAs whose DN matches an API key's"
                + " certificate_identity pattern is admitted; trust only the CAs that issue your clusters' signing"
                + " certificates in [" + RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key() + "] or ["
                + RemoteVerifySettings.TRUSTSTORE_PATH.key() + "]");
    }

    /**
     * Returns whether {@code file}, or the file a symbolic link points to, lies under {@code /etc/ssl} or
     * {@code /etc/pki}, or is a {@code cacerts} file under {@code javaHome}.
     */
    static boolean isSystemBundle(Path file, Path javaHome) {
        Path absolute = file.toAbsolutePath().normalize();
        if (isSystemPath(absolute, javaHome.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return isSystemPath(file.toRealPath(), realOrSelf(javaHome));
        } catch (IOException e) {
            // A file that cannot be resolved fails to load anyway, with its own message.
            return false;
        }
    }

    private static boolean isSystemPath(Path path, Path javaHome) {
        if (SYSTEM_BUNDLE_DIRS.stream().anyMatch(path::startsWith)) {
            return true;
        }
        Path name = path.getFileName();
        return name != null && name.toString().equals("cacerts") && path.startsWith(javaHome);
    }

    private static Path realOrSelf(Path path) {
        try {
            return Files.exists(path)
                    ? path.toRealPath()
                    : path.toAbsolutePath().normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
