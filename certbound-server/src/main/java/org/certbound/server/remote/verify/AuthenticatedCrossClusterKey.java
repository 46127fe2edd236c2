package org.certbound.server.remote.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.server.security.RoleDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster API key whose secret was verified. It contains no secret.
 *
 * @param id the key id
 * @param name the key name
 * @param roles the role descriptors derived from the key's {@code access}
 * @param certificateIdentity the pattern the signing certificate's DN must match, or null when the key has none
 */
public record AuthenticatedCrossClusterKey(
        String id,
        String name,
        List<RoleDescriptor> roles,
        @Nullable CertificateIdentityPattern certificateIdentity) {

    /** Checks the required components and copies the list. */
    public AuthenticatedCrossClusterKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
    }

    /** Returns the certificate identity pattern, when the key has one. */
    public Optional<CertificateIdentityPattern> identityPattern() {
        return Optional.ofNullable(certificateIdentity);
    }
}
