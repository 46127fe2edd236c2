package org.certbound.identity.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds CA, intermediate and leaf certificates at test time.
 *
 * <pre>{@code
 * TestCertificate root = TestCertificates.builder("CN=Example Root CA,O=Example").ca().build();
 * TestCertificate intermediate = root.issue("CN=Example Signing Intermediate,O=Example").ca().build();
 * TestCertificate leaf = intermediate.issue("CN=node-1.example.com,OU=Search,O=Example")
 *         .keyType(KeyType.EC_P256).dnsNames("node-1.example.com").build();
 * }</pre>
 *
 * <p>Certificates are valid from one day ago for 30 days unless set otherwise, carry subject and authority key
 * identifiers, and are parsed by the JDK's certificate factory, as certificates read from files are.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    /** Returns a builder for a self-signed certificate with subject {@code dn}, unless an issuer is set. */
    public static Builder builder(String dn) {
        return new Builder(dn);
    }

    /** Returns a root CA, an intermediate CA it issues, and a leaf the intermediate issues, all of {@code keyType}. */
    public static List<TestCertificate> threeLevelChain(KeyType keyType, String leafDn) {
        TestCertificate root =
                builder("CN=Example Root CA,O=Example").keyType(keyType).ca().build();
        TestCertificate intermediate =
                root.issue("CN=Example Signing Intermediate,O=Example").ca().build();
        TestCertificate leaf = intermediate.issue(leafDn).build();
        return List.of(root, intermediate, leaf);
    }

    /** Configures one certificate. */
    public static final class Builder {
        private final String dn;
        private KeyType keyType = KeyType.EC_P256;
        private @Nullable KeyPair keyPair;
        private @Nullable TestCertificate issuer;
        private boolean ca;
        private int pathLength = -1;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private final List<String> dnsNames = new ArrayList<>();
        private int keyUsage = -1;
        private @Nullable String signatureAlgorithm;

        private Builder(String dn) {
            this.dn = dn;
        }

        public Builder keyType(KeyType keyType) {
            this.keyType = keyType;
            return this;
        }

        /** Uses an existing key pair, for example to issue a second certificate for the same key. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        public Builder issuer(TestCertificate issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Makes a CA certificate: basic constraints CA:TRUE, key usage keyCertSign and cRLSign. */
        public Builder ca() {
            this.ca = true;
            return this;
        }

        public Builder pathLength(int pathLength) {
            this.pathLength = pathLength;
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder dnsNames(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        /** Sets the key usage bits ({@link KeyUsage} constants); 0 leaves the extension out. */
        public Builder keyUsage(int keyUsage) {
            this.keyUsage = keyUsage;
            return this;
        }

        /** Overrides the JCA algorithm the issuer signs with, for example {@code SHA1withRSA}. */
        public Builder signatureAlgorithm(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
            return this;
        }

        public TestCertificate build() {
            KeyPair pair = keyPair != null ? keyPair : keyType.generate();
            X500Principal subject = new X500Principal(dn);
            X500Principal issuerName =
                    issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            KeyPair signer = issuer == null ? pair : issuer.keyPair();
            KeyType signerType = issuer == null ? keyType : issuer.keyType();
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm : signerType.signatureAlgorithm();
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        issuerName,
                        new BigInteger(63, RANDOM).add(BigInteger.ONE),
                        Date.from(notBefore.truncatedTo(ChronoUnit.SECONDS)),
                        Date.from(notAfter.truncatedTo(ChronoUnit.SECONDS)),
                        subject,
                        pair.getPublic());
                addExtensions(builder, pair, signer);
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(
                                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
                return new TestCertificate(certificate, pair, keyType, issuer);
            } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
                throw new IllegalStateException("cannot build test certificate [" + dn + "]", e);
            }
        }

        private void addExtensions(X509v3CertificateBuilder builder, KeyPair pair, KeyPair signer)
                throws GeneralSecurityException, CertIOException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(signer.getPublic()));
            BasicConstraints constraints = ca
                    ? (pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(true))
                    : new BasicConstraints(false);
            builder.addExtension(Extension.basicConstraints, true, constraints);
            int usage = keyUsage >= 0
                    ? keyUsage
                    : (ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature);
            if (usage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            }
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream()
                        .map(name -> new GeneralName(GeneralName.dNSName, name))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
        }
    }
}
