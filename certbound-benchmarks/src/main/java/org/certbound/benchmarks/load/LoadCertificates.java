package org.certbound.benchmarks.load;

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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the EC P-256 CA and server certificate and the EC P-256 or Ed25519 signing certificate of a load run. */
final class LoadCertificates {

    /** A certificate and its key file. */
    record Pair(Path certificate, Path key) {}

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private long serial = 1;

    LoadCertificates(Path dir) throws Exception {
        this.dir = dir;
        this.caKeys = ecKeys();
        X500Name name = new X500Name("O=Example,CN=Load CA");
        JcaX509v3CertificateBuilder builder = builder(name, name, caKeys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        this.ca = sign(builder, caKeys.getPrivate());
        write(caFile(), ca);
    }

    Path caFile() {
        return dir.resolve("ca.crt");
    }

    Pair issue(String commonName) throws Exception {
        return issue(commonName, false);
    }

    /** Issues a certificate for an Ed25519 key when {@code ed25519} is true, else for an EC P-256 key. */
    Pair issue(String commonName, boolean ed25519) throws Exception {
        KeyPair keys = ed25519 ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : ecKeys();
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder builder = builder(issuer, new X500Name("O=Example,CN=" + commonName), keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        Pair pair = new Pair(dir.resolve(commonName + ".crt"), dir.resolve(commonName + ".key"));
        write(pair.certificate(), sign(builder, caKeys.getPrivate()));
        write(pair.key(), new JcaPKCS8Generator(keys.getPrivate(), null));
        return pair;
    }

    private JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(2))),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static void write(Path file, Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        Files.writeString(file, out.toString());
    }
}
