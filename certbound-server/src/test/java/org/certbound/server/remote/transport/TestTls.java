package org.certbound.server.remote.transport;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes a CA and TLS server certificates for 127.0.0.1 at test time, written as PEM files. */
public final class TestTls {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A CA that can issue server certificates. */
    public record Ca(X509Certificate certificate, PrivateKey key, Path certificateFile) {}

    /** A leaf certificate and key written as PEM. */
    public record Leaf(Path certificateFile, Path keyFile) {}

    private TestTls() {}

    public static Ca ca(Path dir, String name) throws Exception {
        KeyPair pair = ecKeyPair();
        X500Name subject = new X500Name("O=Example,CN=" + name);
        JcaX509v3CertificateBuilder builder = builder(subject, subject, pair, Duration.ofDays(30));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate certificate = sign(builder, pair.getPrivate());
        Path file = dir.resolve(name + ".crt");
        writePem(file, certificate);
        return new Ca(certificate, pair.getPrivate(), file);
    }

    public static Leaf server(Path dir, Ca ca, String name) throws Exception {
        Instant now = Instant.now();
        return server(dir, ca, name, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(10)));
    }

    /** Issues a certificate valid from {@code notBefore} to {@code notAfter}, for expired or future certificates. */
    public static Leaf server(Path dir, Ca ca, String name, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair pair = ecKeyPair();
        X500Name issuer =
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("O=Example,CN=" + name),
                pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
        }));
        X509Certificate certificate = sign(builder, ca.key());
        Path certificateFile = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        writePem(certificateFile, certificate);
        writePem(keyFile, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
        return new Leaf(certificateFile, keyFile);
    }

    private static JcaX509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair pair, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)),
                subject,
                pair.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        Files.writeString(file, out.toString());
    }
}
