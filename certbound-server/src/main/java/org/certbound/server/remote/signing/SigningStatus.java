package org.certbound.server.remote.signing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The signing state of one remote cluster alias, as {@code GET /_remote/info} shows it.
 *
 * @param enabled whether requests to the alias are signed now
 * @param canonicalDn the RFC 2253 subject DN of the certificate in use, or null when signing is off
 * @param fingerprint the SHA-256 fingerprint (lowercase hex) of that certificate, or null when signing is off
 * @param notAfter the earliest notAfter date of the chain in use, or null when signing is off
 * @param algorithm the JWS algorithm of the signatures, for example {@code ES256}, or null when signing is off
 * @param lastReloadError why the last load or reload failed, or null when it succeeded; when set, the previous good
 *     configuration (if any) is still in use
 * @param lastReloadFailure when the last load or reload failed, or null when it succeeded
 */
public record SigningStatus(
        boolean enabled,
        @Nullable String canonicalDn,
        @Nullable String fingerprint,
        @Nullable Instant notAfter,
        @Nullable String algorithm,
        @Nullable String lastReloadError,
        @Nullable Instant lastReloadFailure) {}
