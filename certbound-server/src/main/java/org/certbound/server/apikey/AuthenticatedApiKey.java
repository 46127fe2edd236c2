package org.certbound.server.apikey;

import org.certbound.identity.CertificateIdentityPattern;
import org.jspecify.annotations.Nullable;

/**
 * A key whose secret has been verified and that is valid now.
 *
 * @param document the stored key
 * @param identityPattern the compiled certificate identity, or null when the key has none
 */
record AuthenticatedApiKey(
        ApiKeyDocument document, @Nullable CertificateIdentityPattern identityPattern) {}
