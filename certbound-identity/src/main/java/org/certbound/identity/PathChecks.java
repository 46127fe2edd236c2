package org.certbound.identity;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** The uncached validation behind {@link ChainValidator}: path selection, operator-level checks, then PKIX. */
final class PathChecks {
    private final TrustAnchors trust;

    PathChecks(TrustAnchors trust) {
        this.trust = trust;
    }

    ValidatedChain validate(List<X509Certificate> presented, Instant now) throws IdentityException {
        if (trust.isEmpty()) {
            throw new IdentityException(
                    ReasonCode.NO_TRUST_CONFIGURED,
                    "no trusted certificate authorities are configured, so no signed request can be accepted;"
                            + " configure certificate authorities or a truststore (the JDK's CA bundle is never used)");
        }
        List<X509Certificate> path = selectPath(presented);
        for (X509Certificate certificate : path) {
            checkDates(certificate, now);
            checkSignatureAlgorithm(certificate);
        }
        checkLeaf(path.get(0));
        X509Certificate anchor = runPkix(path, now);
        return new ValidatedChain(path, anchor, verificationKey(path.get(0)));
    }

    /**
     * Returns the presented certificates from the leaf up to the first one issued by a trust anchor. The chain must be
     * in issuing order (see {@link #checkIssuingOrder}); certificates after that point, such as the root itself,
     * are allowed because they continue the same chain, and are not part of the validated path.
     */
    private List<X509Certificate> selectPath(List<X509Certificate> presented) throws IdentityException {
        checkIssuingOrder(presented);
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate current : presented) {
            path.add(current);
            if (trust.hasSubject(current.getIssuerX500Principal())) {
                return path;
            }
        }
        throw missingIssuer(presented.get(presented.size() - 1), presented.size());
    }

    /**
     * Requires each certificate after the first to be the issuer of the one before it, by name, as RFC 5246 and RFC
     * 7515 order a chain. An unrelated or misplaced certificate is refused rather than skipped, so that what a
     * signer sends is exactly the path that is checked.
     *
     * @throws IdentityException with {@link ReasonCode#UNTRUSTED_CHAIN}, naming the position and both certificates
     */
    static void checkIssuingOrder(List<X509Certificate> chain) throws IdentityException {
        for (int i = 1; i < chain.size(); i++) {
            X509Certificate child = chain.get(i - 1);
            X509Certificate next = chain.get(i);
            if (child.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
                throw new IdentityException(
                        ReasonCode.UNTRUSTED_CHAIN,
                        "certificate " + (i - 1) + " of the chain, " + CertificateFingerprint.describe(child)
                                + ", is self-signed, so nothing may follow it; certificate " + i + " is "
                                + CertificateFingerprint.describe(next));
            }
            if (!next.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
                throw new IdentityException(
                        ReasonCode.UNTRUSTED_CHAIN,
                        "certificate " + i + " of the chain, " + CertificateFingerprint.describe(next)
                                + ", is not the issuer [" + CanonicalDn.issuerOf(child) + "] of certificate "
                                + (i - 1) + "; the chain must be in issuing order, leaf first, each certificate"
                                + " followed by its issuer, with nothing else");
            }
        }
    }

    private IdentityException missingIssuer(X509Certificate certificate, int presentedCount) {
        String issuer = CanonicalDn.issuerOf(certificate);
        String trusted = " (trusted: " + trust.describe() + ")";
        if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return new IdentityException(
                    ReasonCode.UNTRUSTED_CHAIN,
                    "the chain ends at the self-signed certificate " + CertificateFingerprint.describe(certificate)
                            + ", which is not among the trusted authorities" + trusted);
        }
        String hint = presentedCount == 1
                ? "; the signing side sends only its leaf certificate, so append the intermediate certificates to"
                        + " its signing certificate file, leaf first"
                : "";
        return new IdentityException(
                ReasonCode.UNTRUSTED_CHAIN,
                "issuer [" + issuer + "] of certificate " + CertificateFingerprint.describe(certificate)
                        + " is not provided in the signature's certificate chain and not among the trusted"
                        + " authorities" + trusted + hint);
    }

    private static void checkDates(X509Certificate certificate, Instant now) throws IdentityException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new IdentityException(
                    ReasonCode.CERTIFICATE_EXPIRED,
                    "certificate " + CertificateFingerprint.describe(certificate) + " expired at [" + notAfter
                            + "]; the verifier's clock reads [" + now + "]; renew the certificate");
        }
        if (now.isBefore(notBefore)) {
            throw new IdentityException(
                    ReasonCode.CERTIFICATE_NOT_YET_VALID,
                    "certificate " + CertificateFingerprint.describe(certificate) + " is not valid before [" + notBefore
                            + "]; the verifier's clock reads [" + now + "]; check both hosts' clocks");
        }
    }

    /** Rejects MD2, MD5 and SHA-1 certificate signatures, which the JDK still accepts from private CAs. */
    private static void checkSignatureAlgorithm(X509Certificate certificate) throws IdentityException {
        String name = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String digest = name;
        if (name.equals("RSASSA-PSS")) {
            digest = pssDigest(certificate);
        }
        if (digest.startsWith("MD2")
                || digest.startsWith("MD5")
                || digest.startsWith("SHA1")
                || digest.equals("SHA-1")) {
            throw new IdentityException(
                    ReasonCode.WEAK_ALGORITHM,
                    "certificate " + CertificateFingerprint.describe(certificate) + " is signed with ["
                            + certificate.getSigAlgName() + "]; MD5 and SHA-1 signatures are rejected, so reissue it"
                            + " with SHA-256 or stronger");
        }
    }

    private static String pssDigest(X509Certificate certificate) throws IdentityException {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(certificate.getSigAlgParams());
            return parameters
                    .getParameterSpec(PSSParameterSpec.class)
                    .getDigestAlgorithm()
                    .toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new IdentityException(
                    ReasonCode.UNTRUSTED_CHAIN,
                    "certificate " + CertificateFingerprint.describe(certificate) + " has unreadable RSASSA-PSS"
                            + " parameters",
                    e);
        }
    }

    private static void checkLeaf(X509Certificate leaf) throws IdentityException {
        PublicKey key = leaf.getPublicKey();
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < KeyAlgorithms.MIN_RSA_BITS) {
            throw new IdentityException(
                    ReasonCode.WEAK_ALGORITHM,
                    "certificate " + CertificateFingerprint.describe(leaf) + " has an RSA key of "
                            + rsa.getModulus().bitLength() + " bits; at least " + KeyAlgorithms.MIN_RSA_BITS
                            + " are required");
        }
        checkEndEntity(leaf);
    }

    /**
     * Requires the leaf to be an end-entity certificate that may make signatures: not a CA (basicConstraints
     * {@code CA:TRUE}), and with digitalSignature if it has a key usage extension. A CA key kept for issuing must not
     * also act as a cluster identity.
     *
     * @throws IdentityException with {@link ReasonCode#KEY_USAGE_NOT_PERMITTED}
     */
    static void checkEndEntity(X509Certificate leaf) throws IdentityException {
        if (leaf.getBasicConstraints() >= 0) {
            throw new IdentityException(
                    ReasonCode.KEY_USAGE_NOT_PERMITTED,
                    "certificate " + CertificateFingerprint.describe(leaf) + " is a CA certificate (basicConstraints"
                            + " CA:TRUE); sign with an end-entity certificate issued by the CA, with CA:FALSE");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
            throw new IdentityException(
                    ReasonCode.KEY_USAGE_NOT_PERMITTED,
                    "certificate " + CertificateFingerprint.describe(leaf) + " has a key usage extension without"
                            + " digitalSignature; reissue it with keyUsage=digitalSignature");
        }
    }

    private X509Certificate runPkix(List<X509Certificate> path, Instant now) throws IdentityException {
        try {
            PKIXParameters parameters = new PKIXParameters(trust.anchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult)
                    validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            String at = index >= 0 && index < path.size()
                    ? " at certificate " + CertificateFingerprint.describe(path.get(index))
                    : "";
            throw new IdentityException(
                    ReasonCode.UNTRUSTED_CHAIN,
                    "path validation failed" + at + ": " + e.getReason() + " (" + e.getMessage() + "); trusted: "
                            + trust.describe(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX implementation is unavailable", e);
        }
    }

    /** Converts the leaf key once for the verification provider, so that each request skips the conversion. */
    private static PublicKey verificationKey(X509Certificate leaf) {
        PublicKey key = leaf.getPublicKey();
        KeyAlgorithms.Family family = KeyAlgorithms.family(key);
        String algorithm;
        SignatureAlgorithm signatureAlgorithm;
        if (family == KeyAlgorithms.Family.EC) {
            algorithm = "EC";
            signatureAlgorithm = SignatureAlgorithm.ES256;
        } else if (family == KeyAlgorithms.Family.ED25519) {
            algorithm = "Ed25519";
            signatureAlgorithm = SignatureAlgorithm.EDDSA;
        } else {
            return key;
        }
        Provider provider = JwsCrypto.verificationProvider(signatureAlgorithm);
        if (provider == null) {
            return key;
        }
        try {
            return KeyFactory.getInstance(algorithm, provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            // BouncyCastle also accepts the JDK key object; it then converts the key on every verification.
            return key;
        }
    }
}
