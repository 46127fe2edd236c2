package org.certbound.server.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;
import org.jspecify.annotations.Nullable;

/**
 * The node's API key caches: stored documents by id, and a digest of the last secret verified for each id.
 *
 * <p>Every write through {@link ApiKeyService} invalidates the key's entries after the store write returns. A load
 * that races with that write cannot leave a stale entry behind: Caffeine makes the invalidation wait for the load of
 * the same key and then removes its result.
 *
 * <p>NOTE: invalidation is local to this node. With several nodes on one shared PostgreSQL store, another node keeps
 * serving its cached document until the document cache TTL ends. Nodes on the embedded H2 store do not share state.
 */
final class ApiKeyCache {
    /** A stored key with what authentication derives from it once. */
    record Entry(
            ApiKeyDocument document,
            long version,
            @Nullable CertificateIdentityPattern identityPattern,
            List<RoleDescriptor> roles,
            List<RoleDescriptor> limitedBy) {}

    private final Cache<String, Entry> documents;
    private final Cache<String, byte[]> verifiedSecrets;
    private final byte[] salt = new byte[16];

    ApiKeyCache(Duration documentTtl, Duration secretTtl, long maxKeys, SecureRandom random) {
        this.documents = Caffeine.newBuilder()
                .expireAfterWrite(documentTtl)
                .maximumSize(maxKeys)
                .build();
        this.verifiedSecrets = Caffeine.newBuilder()
                .expireAfterAccess(secretTtl)
                .maximumSize(maxKeys)
                .build();
        random.nextBytes(salt);
    }

    /** Returns the cached entry, loading it from {@code store} on a miss; empty for an unknown id. */
    Optional<Entry> get(String id, ApiKeyStore store) {
        return Optional.ofNullable(
                documents.get(id, key -> store.get(key).map(ApiKeyCache::entry).orElse(null)));
    }

    /** Returns whether {@code secret} is the one last verified for {@code id}. */
    boolean isVerified(String id, char[] secret) {
        byte[] expected = verifiedSecrets.getIfPresent(id);
        return expected != null && MessageDigest.isEqual(expected, ApiKeyHasher.sha256(salt, secret));
    }

    /** Remembers that {@code secret} matched the stored hash of {@code id}. */
    void markVerified(String id, char[] secret) {
        verifiedSecrets.put(id, ApiKeyHasher.sha256(salt, secret));
    }

    /** Drops both entries of {@code id}; the next authentication reads the store. */
    void invalidate(String id) {
        documents.invalidate(id);
        verifiedSecrets.invalidate(id);
    }

    /** Drops every entry. */
    void invalidateAll() {
        documents.invalidateAll();
        verifiedSecrets.invalidateAll();
    }

    private static Entry entry(ApiKeyStore.Versioned versioned) {
        ApiKeyDocument document = versioned.document();
        CertificateIdentityPattern pattern = document.certificateIdentity() == null
                ? null
                : CertificateIdentities.compile(document.certificateIdentity());
        return new Entry(
                document,
                versioned.version(),
                pattern,
                RoleDescriptors.parse(document.roleDescriptors()),
                RoleDescriptors.parse(document.limitedBy()));
    }
}
