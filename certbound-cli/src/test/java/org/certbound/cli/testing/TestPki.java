package org.certbound.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbound.cli.certutil.CertificateMaker;
import org.certbound.cli.certutil.CertificateSpec;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.cli.certutil.KeySpec;
import org.certbound.cli.certutil.PemFiles;

/** Makes CA, intermediate and leaf certificates for CLI tests, with certutil's own certificate maker. */
public final class TestPki {

    private TestPki() {}

    /** Returns a self-signed EC P-256 root CA valid from an hour ago for a year. */
    public static IssuedCertificate rootCa(String dn) {
        return CertificateMaker.make(
                CertificateSpec.builder(dn)
                        .key(KeySpec.ec("P-256"))
                        .validity(hourAgo(), inDays(365))
                        .ca(-1)
                        .build(),
                Optional.empty());
    }

    /** Returns an intermediate CA signed by {@code parent}. */
    public static IssuedCertificate intermediateCa(String dn, IssuedCertificate parent) {
        return CertificateMaker.make(
                CertificateSpec.builder(dn)
                        .key(KeySpec.ec("P-256"))
                        .validity(hourAgo(), inDays(365))
                        .ca(0)
                        .build(),
                Optional.of(parent));
    }

    /** Returns an EC P-256 leaf signed by {@code issuer}, valid from an hour ago for 90 days. */
    public static IssuedCertificate leaf(String dn, IssuedCertificate issuer) {
        return leaf(dn, issuer, hourAgo(), inDays(90));
    }

    /** Returns an EC P-256 leaf signed by {@code issuer} with the given validity. */
    public static IssuedCertificate leaf(String dn, IssuedCertificate issuer, Instant notBefore, Instant notAfter) {
        return CertificateMaker.make(
                CertificateSpec.builder(dn)
                        .key(KeySpec.ec("P-256"))
                        .validity(notBefore, notAfter)
                        .build(),
                Optional.of(issuer));
    }

    /** Writes certificates as PEM, in order, and returns the file. */
    public static Path writePem(Path file, List<X509Certificate> certificates) {
        try {
            Files.writeString(file, PemFiles.certificatesToPem(certificates), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the certificate of {@code material} followed by its issuers up to, not including, a self-signed root. */
    public static Path writeChain(Path file, IssuedCertificate material) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(material.leaf());
        for (X509Certificate certificate :
                material.chain().subList(1, material.chain().size())) {
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                chain.add(certificate);
            }
        }
        return writePem(file, chain);
    }

    private static Instant hourAgo() {
        return Instant.now().minus(Duration.ofHours(1));
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }
}
