package org.certbound.cli.certutil;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes X.509 v3 certificates with BouncyCastle: self-signed CAs, intermediate CAs and leaf certificates.
 *
 * <p>A leaf gets {@code basicConstraints CA:FALSE}, {@code keyUsage digitalSignature} (plus {@code keyEncipherment}
 * for RSA, which TLS key transport needs), {@code extendedKeyUsage serverAuth, clientAuth}, and the requested subject
 * alternative names, so one certificate serves the remote cluster port's TLS and the signing of cross-cluster
 * requests. A CA gets {@code basicConstraints CA:TRUE} and {@code keyUsage keyCertSign, cRLSign}. Both carry subject
 * and authority key identifiers, which chain builders use to find the issuer.
 */
public final class CertificateMaker {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateMaker() {}

    /**
     * Makes a certificate with a fresh key.
     *
     * @param spec what to put in the certificate
     * @param issuer the CA that signs it, or empty for a self-signed certificate
     * @throws IllegalArgumentException when the issuer is not a CA
     */
    public static IssuedCertificate make(CertificateSpec spec, Optional<IssuedCertificate> issuer) {
        issuer.ifPresent(CertificateMaker::requireCa);
        KeyPair keyPair = spec.key().generate();
        X500Principal issuerName =
                issuer.map(i -> i.leaf().getSubjectX500Principal()).orElse(spec.subject());
        PrivateKey signingKey = issuer.map(IssuedCertificate::privateKey).orElse(keyPair.getPrivate());
        PublicKey issuerKey = issuer.map(i -> i.leaf().getPublicKey()).orElse(keyPair.getPublic());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuerName.getEncoded()),
                    new BigInteger(159, RANDOM).add(BigInteger.ONE),
                    Date.from(spec.notBefore()),
                    Date.from(spec.notAfter()),
                    X500Name.getInstance(spec.subject().getEncoded()),
                    keyPair.getPublic());
            addExtensions(builder, spec, keyPair.getPublic(), issuerKey);
            X509Certificate certificate = sign(builder, signingKey);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            issuer.ifPresent(i -> chain.addAll(i.chain()));
            return new IssuedCertificate(keyPair.getPrivate(), chain);
        } catch (CertIOException | CertificateException | OperatorCreationException e) {
            throw new IllegalStateException("failed to build the certificate for [" + spec.subject() + "]", e);
        }
    }

    /** Returns the JCA signature algorithm a CA with this key signs with. */
    public static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey ecKey) {
            int bits = ecKey.getParams().getCurve().getField().getFieldSize();
            if (bits <= 256) {
                return "SHA256withECDSA";
            }
            return bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            return "Ed25519";
        }
        throw new IllegalArgumentException("key type [" + key.getAlgorithm() + "] cannot sign certificates");
    }

    private static void addExtensions(
            X509v3CertificateBuilder builder, CertificateSpec spec, PublicKey subjectKey, PublicKey issuerKey)
            throws CertIOException {
        JcaX509ExtensionUtils utils = extensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
        if (spec.isCa()) {
            BasicConstraints constraints =
                    spec.pathLength() < 0 ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength());
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(leafKeyUsage(spec.key())));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
        }
        GeneralNames sans = subjectAlternativeNames(spec);
        if (sans != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, sans);
        }
    }

    private static int leafKeyUsage(KeySpec key) {
        return key.algorithm() == KeyAlgorithm.RSA
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
    }

    private static GeneralNames subjectAlternativeNames(CertificateSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        spec.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        spec.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws OperatorCreationException, CertificateException {
        ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void requireCa(IssuedCertificate issuer) {
        if (issuer.leaf().getBasicConstraints() < 0) {
            throw new IllegalArgumentException(String.format(
                    "certificate [%s] is not a CA (basicConstraints CA:FALSE or absent): give a CA made with "
                            + "[certbound certutil ca]",
                    issuer.leaf().getSubjectX500Principal().getName()));
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1 for key identifiers", e);
        }
    }
}
