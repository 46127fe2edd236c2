package org.certbound.identity;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates presented certificate chains against one {@link TrustAnchors} set, and caches the successes.
 *
 * <p>Validation is PKIX (RFC 5280) at the given time, without revocation checking, after certbound's own checks that
 * give operator-level reasons: a missing issuer, validity dates, MD5 and SHA-1 signatures, RSA keys under 2048 bits
 * and a leaf whose key usage forbids signatures.
 *
 * <p>A successful validation is cached under the SHA-256 of the chain's DER bytes. The cache belongs to this
 * validator, so it is bound to one trust generation: reloading trust means building a new validator, which starts
 * empty. An entry lives at most {@code cacheTtl} and never past the earliest notAfter of its path, and every hit
 * still checks the validity dates at the requested time. Failures are never cached. Instances are thread-safe.
 */
public final class ChainValidator {
    /** Default number of cached chains. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** Default lifetime of a cached validation. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
    /** Maximum number of certificates accepted in a presented chain. */
    public static final int MAX_CHAIN_LENGTH = 10;

    private final TrustAnchors trust;
    private final PathChecks checks;
    private final BoundedCache<ByteBuffer, CacheEntry> cache;
    private final Duration cacheTtl;

    private ChainValidator(TrustAnchors trust, int cacheSize, Duration cacheTtl) {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("chain cache ttl must be >= 0, got [" + cacheTtl + "]");
        }
        this.trust = trust;
        this.checks = new PathChecks(trust);
        this.cache = new BoundedCache<>(cacheSize);
        this.cacheTtl = cacheTtl;
    }

    /** Returns a validator for {@code trust} with the default cache size and lifetime. */
    public static ChainValidator create(TrustAnchors trust) {
        return new ChainValidator(trust, DEFAULT_CACHE_SIZE, DEFAULT_CACHE_TTL);
    }

    /**
     * Returns a validator for {@code trust} with the given cache bounds; a size of 0 disables caching.
     *
     * @throws IllegalArgumentException if {@code cacheSize} or {@code cacheTtl} is negative
     */
    public static ChainValidator create(TrustAnchors trust, int cacheSize, Duration cacheTtl) {
        return new ChainValidator(trust, cacheSize, cacheTtl);
    }

    /** Returns the trust anchors this validator validates against. */
    public TrustAnchors trustAnchors() {
        return trust;
    }

    /**
     * Validates a chain, leaf first, at {@code now}.
     *
     * @throws IdentityException with {@link ReasonCode#NO_TRUST_CONFIGURED}, {@link ReasonCode#UNTRUSTED_CHAIN},
     *     {@link ReasonCode#CERTIFICATE_EXPIRED}, {@link ReasonCode#CERTIFICATE_NOT_YET_VALID},
     *     {@link ReasonCode#WEAK_ALGORITHM} or {@link ReasonCode#KEY_USAGE_NOT_PERMITTED}
     */
    public ValidatedChain validate(List<X509Certificate> chain, Instant now) throws IdentityException {
        checkLength(chain.size());
        List<byte[]> encoded = new ArrayList<>(chain.size());
        for (X509Certificate certificate : chain) {
            try {
                encoded.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IdentityException(ReasonCode.UNTRUSTED_CHAIN, "a certificate cannot be DER-encoded", e);
            }
        }
        ByteBuffer key = chainDigest(encoded);
        ValidatedChain cached = lookup(key, now);
        return cached != null ? cached : validateAndCache(key, chain, now);
    }

    /** Validates a chain given as DER bytes, leaf first; a cache hit skips parsing. */
    ValidatedChain validateEncoded(List<byte[]> chain, Instant now) throws IdentityException {
        checkLength(chain.size());
        ByteBuffer key = chainDigest(chain);
        ValidatedChain cached = lookup(key, now);
        return cached != null ? cached : validateAndCache(key, parse(chain), now);
    }

    int cachedChains() {
        return cache.size();
    }

    private ValidatedChain lookup(ByteBuffer key, Instant now) {
        CacheEntry entry = cache.get(key);
        if (entry == null) {
            return null;
        }
        if (now.isAfter(entry.expiresAt()) || now.isBefore(entry.cachedAt())) {
            cache.remove(key);
            return null;
        }
        // Dates that fail here fall through to full validation, which names the certificate and the dates.
        return entry.chain().isValidAt(now) ? entry.chain() : null;
    }

    private ValidatedChain validateAndCache(ByteBuffer key, List<X509Certificate> chain, Instant now)
            throws IdentityException {
        ValidatedChain validated = checks.validate(chain, now);
        Instant byTtl = now.plus(cacheTtl);
        Instant expiresAt = byTtl.isBefore(validated.notAfter()) ? byTtl : validated.notAfter();
        cache.put(key, new CacheEntry(validated, now, expiresAt));
        return validated;
    }

    private static void checkLength(int length) throws IdentityException {
        if (length == 0) {
            throw new IdentityException(ReasonCode.UNTRUSTED_CHAIN, "no certificate was presented");
        }
        if (length > MAX_CHAIN_LENGTH) {
            throw new IdentityException(
                    ReasonCode.UNTRUSTED_CHAIN,
                    "the chain contains " + length + " certificates; at most " + MAX_CHAIN_LENGTH + " are accepted");
        }
    }

    private static ByteBuffer chainDigest(List<byte[]> chain) {
        MessageDigest digest = CertificateFingerprint.newSha256();
        byte[] length = new byte[4];
        for (byte[] der : chain) {
            ByteBuffer.wrap(length).putInt(der.length);
            digest.update(length);
            digest.update(der);
        }
        return ByteBuffer.wrap(digest.digest());
    }

    private static List<X509Certificate> parse(List<byte[]> chain) throws IdentityException {
        List<X509Certificate> certificates = new ArrayList<>(chain.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : chain) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IdentityException(
                    ReasonCode.MALFORMED_SIGNATURE,
                    "certificate #" + (certificates.size() + 1) + " of the chain is not a valid X.509 certificate",
                    e);
        }
        return certificates;
    }

    /** A cached validation and the interval in which it may be served. */
    private record CacheEntry(ValidatedChain chain, Instant cachedAt, Instant expiresAt) {}
}
