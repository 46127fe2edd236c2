package org.certbound.server.apikey;

import java.util.List;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.server.security.RoleDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A key whose secret has been verified and that is valid now.
 *
 * @param document the stored key
 * @param identityPattern the compiled certificate identity, or null when the key has none
 * @param roles the key's own role descriptors
 * @param limitedBy the owner's role descriptors that bound a REST key
 */
record AuthenticatedApiKey(
        ApiKeyDocument document,
        @Nullable CertificateIdentityPattern identityPattern,
        List<RoleDescriptor> roles,
        List<RoleDescriptor> limitedBy) {}
