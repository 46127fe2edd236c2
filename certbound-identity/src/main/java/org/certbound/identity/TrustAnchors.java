package org.certbound.identity;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of trusted certificate authorities for verifying signed requests.
 *
 * <p><b>Security:</b> an empty set trusts nothing. certbound never falls back to the JDK's {@code cacerts}: a
 * verifier without configured authorities rejects every signed request with {@link ReasonCode#NO_TRUST_CONFIGURED}.
 * Any certificate may be an anchor, including an intermediate; a chain is then trusted from that certificate down.
 */
public final class TrustAnchors {
    private static final AtomicLong GENERATIONS = new AtomicLong();
    private static final TrustAnchors EMPTY = new TrustAnchors(List.of(), "no trust configuration");

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;
    private final Set<X500Principal> subjects;
    private final String source;
    private final long generation;

    private TrustAnchors(List<X509Certificate> certificates, String source) {
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> anchorSet = new java.util.LinkedHashSet<>();
        Set<X500Principal> subjectSet = new java.util.HashSet<>();
        for (X509Certificate certificate : this.certificates) {
            anchorSet.add(new TrustAnchor(certificate, null));
            subjectSet.add(certificate.getSubjectX500Principal());
        }
        this.anchors = Collections.unmodifiableSet(anchorSet);
        this.subjects = Set.copyOf(subjectSet);
        this.source = source;
        this.generation = GENERATIONS.incrementAndGet();
    }

    /** Returns the empty trust set, which rejects every chain. */
    public static TrustAnchors empty() {
        return EMPTY;
    }

    /**
     * Returns the given certificates as trust anchors, duplicates removed.
     *
     * @param source names the configuration in error messages
     * @throws IllegalArgumentException if {@code certificates} is empty; use {@link #empty()} for no trust
     */
    public static TrustAnchors of(Collection<X509Certificate> certificates, String source) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("[" + source + "] contains no certificate; use TrustAnchors.empty()");
        }
        return new TrustAnchors(deduplicate(certificates), source);
    }

    /**
     * Loads every certificate of the given PEM files, each of which may hold a bundle of several.
     *
     * @param settingPrefix prefix such as {@code cluster.remote.signing}; errors name
     *     {@code <prefix>.certificate_authorities}
     * @throws KeyMaterialException if the list is empty, or a file is missing, malformed or contains no certificate
     */
    public static TrustAnchors fromPemFiles(List<Path> files, String settingPrefix) throws KeyMaterialException {
        String setting = settingPrefix + ".certificate_authorities";
        if (files.isEmpty()) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.EMPTY_TRUST, "[" + setting + "] lists no certificate authority file");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.addAll(PemFiles.readCertificates(file, setting));
        }
        return new TrustAnchors(deduplicate(certificates), "[" + setting + "] " + files);
    }

    /**
     * Loads the trusted certificate entries of a PKCS#12 or JKS truststore; private key entries are ignored.
     *
     * @param type {@code PKCS12} or {@code JKS}, or null to infer it from the file name
     * @param settingPrefix prefix such as {@code cluster.remote.signing}; errors name {@code <prefix>.truststore.path}
     *     and {@code <prefix>.truststore.secure_password}
     * @throws KeyMaterialException if the store is missing or malformed, the password is wrong, or it contains no
     *     trusted certificate entry
     */
    public static TrustAnchors fromTruststore(Path path, @Nullable String type, char[] password, String settingPrefix)
            throws KeyMaterialException {
        String pathSetting = settingPrefix + ".truststore.path";
        String resolvedType = Keystores.resolveType(path, type, settingPrefix + ".truststore.type");
        KeyStore store = Keystores.load(
                path, resolvedType, password, pathSetting, settingPrefix + ".truststore.secure_password");
        List<X509Certificate> certificates = trustedEntries(store);
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.EMPTY_TRUST,
                    "truststore [" + path + "] set in [" + pathSetting + "] contains no trusted certificate entry;"
                            + " import the CA certificates with [keytool -importcert -trustcacerts]");
        }
        return new TrustAnchors(deduplicate(certificates), "[" + pathSetting + "] [" + path + "]");
    }

    /** Returns whether no authority is trusted. */
    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** Returns the trusted certificates, in configuration order. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Returns the canonical DN of each trusted certificate, in configuration order. */
    public List<String> subjects() {
        List<String> names = new ArrayList<>(certificates.size());
        for (X509Certificate certificate : certificates) {
            names.add(CanonicalDn.of(certificate));
        }
        return names;
    }

    /** Returns the SHA-256 fingerprint of each trusted certificate, in configuration order. */
    public List<String> fingerprints() {
        List<String> fingerprints = new ArrayList<>(certificates.size());
        for (X509Certificate certificate : certificates) {
            fingerprints.add(CertificateFingerprint.sha256Hex(certificate));
        }
        return fingerprints;
    }

    /** Returns the configuration these anchors came from, for messages. */
    public String source() {
        return source;
    }

    /** Returns a number unique to this instance; a reload produces a new instance with a higher number. */
    public long generation() {
        return generation;
    }

    /** Describes the trusted authorities by subject and fingerprint. */
    @Override
    public String toString() {
        return "TrustAnchors[" + source + ": " + describe() + "]";
    }

    String describe() {
        if (certificates.isEmpty()) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner(", ");
        for (X509Certificate certificate : certificates) {
            joiner.add(CertificateFingerprint.describe(certificate));
        }
        return joiner.toString();
    }

    Set<TrustAnchor> anchors() {
        return anchors;
    }

    boolean hasSubject(X500Principal subject) {
        return subjects.contains(subject);
    }

    private static List<X509Certificate> trustedEntries(KeyStore store) throws KeyMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.TrustedCertificateEntry.class)) {
                    Certificate certificate = store.getCertificate(alias);
                    if (certificate instanceof X509Certificate x509) {
                        certificates.add(x509);
                    }
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("truststore is loaded but cannot list its entries", e);
        }
        return certificates;
    }

    private static List<X509Certificate> deduplicate(Collection<X509Certificate> certificates) {
        Map<String, X509Certificate> unique = new LinkedHashMap<>();
        for (X509Certificate certificate : certificates) {
            unique.putIfAbsent(CertificateFingerprint.sha256Hex(certificate), certificate);
        }
        return new ArrayList<>(unique.values());
    }
}
