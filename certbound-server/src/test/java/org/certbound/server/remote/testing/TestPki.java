package org.certbound.server.remote.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes EC P-256 certificate authorities and signing certificates at test time and writes them as PEM. */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private TestPki() {}

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {
        /** Issues a certificate signed by this one. */
        public Issued issue(String dn, boolean ca) {
            return TestPki.issue(dn, this, ca, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30));
        }

        /** Issues a leaf valid from {@code notBefore} for {@code validity}. */
        public Issued issueLeaf(String dn, Instant notBefore, Duration validity) {
            return TestPki.issue(dn, this, false, notBefore, validity);
        }
    }

    /** Makes a self-signed root CA. */
    public static Issued rootCa(String dn) {
        return issue(dn, null, true, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(365));
    }

    /** Writes {@code certificates} as one PEM file. */
    public static Path writeCertificates(Path file, X509Certificate... certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(file, text.toString());
    }

    /** Writes the private key of {@code issued} as an unencrypted PKCS#8 PEM file. */
    public static Path writeKey(Path file, Issued issued) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                    issued.keyPair().getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(file, text.toString());
    }

    /** Returns the chain of a leaf and its issuers as a list, leaf first. */
    public static List<X509Certificate> chain(Issued... certificates) {
        return java.util.Arrays.stream(certificates).map(Issued::certificate).toList();
    }

    private static Issued issue(String dn, Issued issuer, boolean ca, Instant notBefore, Duration validity) {
        try {
            KeyPair keyPair = newKeyPair();
            // Going through X500Principal keeps the RFC 2253 order: the first RDN written is the most specific.
            X500Name subject = X500Name.getInstance(new X500Principal(dn).getEncoded());
            X500Name issuerName = issuer == null
                    ? subject
                    : X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notBefore.plus(validity)),
                    subject,
                    keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            KeyPair signingPair = issuer == null ? keyPair : issuer.keyPair();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Issued(certificate, keyPair);
        } catch (GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("failed to issue a test certificate for [" + dn + "]", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(
                    temporary,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
