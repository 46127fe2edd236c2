package org.certbound.server.audit;

import java.util.Objects;

/**
 * The signing certificate of a signed cross-cluster request, as the audit log names it.
 *
 * @param dn the leaf's subject DN in RFC 2253 form
 * @param sha256 the lowercase hex SHA-256 fingerprint of the leaf's DER encoding
 * @param signatureAlgorithm the JWS algorithm of the request signature, for example {@code ES256}, or an empty
 *     string when the signature was not decoded far enough to know it
 */
public record AuditCertificate(String dn, String sha256, String signatureAlgorithm) {

    /** Checks that no component is null. */
    public AuditCertificate {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    }
}
