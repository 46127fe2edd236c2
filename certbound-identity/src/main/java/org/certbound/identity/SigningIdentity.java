package org.certbound.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.DestroyFailedException;

/**
 * A private key with its certificate chain, leaf first, validated for signing cross-cluster requests.
 *
 * <p>Every instance has passed these checks: the chain is not empty, the leaf's key is RSA of at least 2048 bits, EC on
 * P-256, P-384 or P-521, or Ed25519, the private key is of the same type, and a test signature made with the private
 * key verifies with the leaf's public key. The test signature also catches curves that the JDK parses but cannot sign
 * with. The certificates' validity dates are not checked here; {@link #notAfter()} exposes them.
 *
 * <p><b>Security:</b> {@link #toString()} never prints the key. {@link #close()} drops the reference to the key and
 * calls the key's destroy(); JDK key objects do not support destruction, so their bytes stay in memory until
 * collected.
 */
public final class SigningIdentity implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicReference<PrivateKey> privateKey;
    private final List<X509Certificate> chain;
    private final SignatureAlgorithm algorithm;
    private final String canonicalDn;
    private final String fingerprint;

    private SigningIdentity(PrivateKey privateKey, List<X509Certificate> chain, SignatureAlgorithm algorithm) {
        this.privateKey = new AtomicReference<>(privateKey);
        this.chain = List.copyOf(chain);
        this.algorithm = algorithm;
        this.canonicalDn = CanonicalDn.of(chain.get(0));
        this.fingerprint = CertificateFingerprint.sha256Hex(chain.get(0));
    }

    /**
     * Validates a key and chain held in memory and returns the signing identity.
     *
     * @param source names where the material came from in error messages, for example a setting key and file path
     * @throws KeyMaterialException if the chain is empty, the key type is unsupported, or the key does not belong to
     *     the leaf certificate
     */
    public static SigningIdentity create(PrivateKey privateKey, List<X509Certificate> chain, String source)
            throws KeyMaterialException {
        if (chain.isEmpty()) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.NO_CERTIFICATE, source + " contains no certificate");
        }
        X509Certificate leaf = chain.get(0);
        SignatureAlgorithm algorithm = signingAlgorithm(leaf, source);
        if (KeyAlgorithms.family(privateKey) != KeyAlgorithms.family(leaf.getPublicKey())) {
            throw mismatch(leaf, source, "the private key is of type [" + privateKey.getAlgorithm() + "]", null);
        }
        checkSigningCertificate(chain, source);
        testSignature(privateKey, leaf, algorithm, source);
        return new SigningIdentity(privateKey, chain, algorithm);
    }

    /** Rejects at load what every verifier rejects later: a CA leaf, a leaf that may not sign, a misordered chain. */
    private static void checkSigningCertificate(List<X509Certificate> chain, String source)
            throws KeyMaterialException {
        X509Certificate leaf = chain.get(0);
        try {
            PathChecks.checkEndEntity(leaf);
            PathChecks.checkIssuingOrder(chain);
        } catch (IdentityException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.NOT_A_SIGNING_CERTIFICATE,
                    source + ": " + e.getMessage() + "; remote clusters would reject every request signed with it",
                    e);
        }
    }

    /** Returns the leaf certificate, whose key signs. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Returns the chain as configured, leaf first; it is sent in the signature's {@code x5c} header. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Returns the leaf's subject in canonical RFC 2253 form. */
    public String canonicalDn() {
        return canonicalDn;
    }

    /** Returns the leaf's SHA-256 fingerprint as lowercase hex. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Returns the earliest notAfter date in the chain; signatures made after it will be rejected. */
    public Instant notAfter() {
        Instant earliest = Instant.MAX;
        for (X509Certificate certificate : chain) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            earliest = notAfter.isBefore(earliest) ? notAfter : earliest;
        }
        return earliest;
    }

    /** Returns the JWS algorithm this identity signs with. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Returns the private key for signing. */
    PrivateKey privateKey() {
        PrivateKey key = privateKey.get();
        if (key == null) {
            throw new IllegalStateException("signing identity " + describeLeaf() + " is closed");
        }
        return key;
    }

    /** Drops the private key; signing with this identity afterwards throws {@link IllegalStateException}. */
    @Override
    public void close() {
        PrivateKey key = privateKey.getAndSet(null);
        if (key != null && !key.isDestroyed()) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // JDK key classes do not implement destroy(); dropping the reference is all that can be done.
            }
        }
    }

    /** Describes the identity by algorithm, subject and fingerprint; never prints the key. */
    @Override
    public String toString() {
        return "SigningIdentity[" + algorithm.jwsName() + ", " + describeLeaf() + "]";
    }

    private String describeLeaf() {
        return "[" + canonicalDn + "] (sha256=" + fingerprint + ")";
    }

    private static SignatureAlgorithm signingAlgorithm(X509Certificate leaf, String source)
            throws KeyMaterialException {
        try {
            return KeyAlgorithms.signingAlgorithm(leaf.getPublicKey());
        } catch (KeyAlgorithms.UnsupportedKeyException e) {
            throw new KeyMaterialException(
                    e.kind(),
                    source + ": certificate " + CertificateFingerprint.describe(leaf) + " cannot sign requests: "
                            + e.getMessage());
        }
    }

    private static void testSignature(PrivateKey key, X509Certificate leaf, SignatureAlgorithm algorithm, String source)
            throws KeyMaterialException {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        byte[] signature;
        try {
            // The same provider and key conversion as the request signer, so a key that loads can sign requests.
            signature = JwsCrypto.sign(algorithm, JwsCrypto.signingKey(algorithm, key), challenge);
        } catch (GeneralSecurityException | RuntimeException e) {
            // JDK 17 parses keys on curves such as secp256k1 but fails with "Curve not supported" when signing.
            KeyMaterialException.Kind kind = KeyAlgorithms.family(key) == KeyAlgorithms.Family.EC
                    ? KeyMaterialException.Kind.UNSUPPORTED_CURVE
                    : KeyMaterialException.Kind.UNSUPPORTED_KEY_TYPE;
            throw new KeyMaterialException(
                    kind,
                    source + ": the signature provider cannot sign with the "
                            + KeyAlgorithms.describe(leaf.getPublicKey()) + " key of certificate "
                            + CertificateFingerprint.describe(leaf),
                    e);
        }
        try {
            JwsCrypto.verify(algorithm, leaf.getPublicKey(), challenge, signature);
        } catch (GeneralSecurityException e) {
            throw mismatch(leaf, source, "a test signature made with the private key does not verify", e);
        }
    }

    private static KeyMaterialException mismatch(
            X509Certificate leaf, String source, String detail, GeneralSecurityException cause) {
        return new KeyMaterialException(
                KeyMaterialException.Kind.KEY_CERTIFICATE_MISMATCH,
                source + ": the private key does not belong to certificate " + CertificateFingerprint.describe(leaf)
                        + " (" + detail + "); configure the key that was used to request this certificate",
                cause);
    }
}
