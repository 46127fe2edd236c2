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
import javax.security.auth.x500.X500Principal;

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
     * Follows issuers from the leaf through the presented certificates until one is issued by a trust anchor. Extra
     * certificates that are not on that path are ignored, and so is their order.
     */
    private List<X509Certificate> selectPath(List<X509Certificate> presented) throws IdentityException {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = presented.get(0);
        path.add(current);
        while (!trust.hasSubject(current.getIssuerX500Principal())) {
            X509Certificate issuer = findIssuer(presented, path, current.getIssuerX500Principal());
            if (issuer == null) {
                throw missingIssuer(current, presented.size());
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static X509Certificate findIssuer(
            List<X509Certificate> presented, List<X509Certificate> path, X500Principal issuer) {
        for (X509Certificate candidate : presented) {
            if (candidate.getSubjectX500Principal().equals(issuer) && !path.contains(candidate)) {
                return candidate;
            }
        }
        return null;
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
