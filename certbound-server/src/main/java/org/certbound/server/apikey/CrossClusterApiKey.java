package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.server.security.RoleDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster API key that has just been authenticated: what the fulfilling cluster needs to check the request's
 * certificate identity and to authorize its action. It contains no secret.
 */
public final class CrossClusterApiKey {
    private final String id;
    private final String name;
    private final ObjectNode roleDescriptor;
    private final List<RoleDescriptor> roles;
    private final @Nullable String certificateIdentity;
    private final @Nullable CertificateIdentityPattern identityPattern;
    private final @Nullable Instant expiration;

    private CrossClusterApiKey(AuthenticatedApiKey key) {
        ApiKeyDocument document = key.document();
        this.id = document.id();
        this.name = document.name();
        this.roleDescriptor = (ObjectNode) document.roleDescriptors().get(CrossClusterAccess.ROLE_NAME);
        this.roles = key.roles();
        this.certificateIdentity = document.certificateIdentity();
        this.identityPattern = key.identityPattern();
        this.expiration = document.expiration();
        Objects.requireNonNull(roleDescriptor, "stored cross-cluster key has no cross_cluster role descriptor");
    }

    static CrossClusterApiKey of(AuthenticatedApiKey key) {
        return new CrossClusterApiKey(key);
    }

    /** Returns the key id. */
    public String id() {
        return id;
    }

    /** Returns the key name. */
    public String name() {
        return name;
    }

    /** Returns the {@code cross_cluster} role descriptor built from the key's access, as JSON. */
    public ObjectNode roleDescriptor() {
        return roleDescriptor.deepCopy();
    }

    /** Returns the key's role descriptors: the one {@code cross_cluster} role built from its access. */
    public List<RoleDescriptor> roleDescriptors() {
        return roles;
    }

    /** Returns the certificate identity pattern as stored, when the key has one. */
    public Optional<String> certificateIdentity() {
        return Optional.ofNullable(certificateIdentity);
    }

    /** Returns the compiled certificate identity, when the key has one; its {@code check} matches the whole canonical DN. */
    public Optional<CertificateIdentityPattern> identityPattern() {
        return Optional.ofNullable(identityPattern);
    }

    /** Returns when the key expires, when it does. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    @Override
    public String toString() {
        return "CrossClusterApiKey[id=" + id + ", name=" + name + ", certificate_identity="
                + (certificateIdentity == null ? "none" : certificateIdentity) + "]";
    }
}
