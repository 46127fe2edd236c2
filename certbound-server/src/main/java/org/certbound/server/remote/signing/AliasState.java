package org.certbound.server.remote.signing;

import java.time.Instant;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.SigningIdentity;
import org.jspecify.annotations.Nullable;

/**
 * The state of one alias: its configuration, the identity in use, and the last load failure.
 *
 * @param config the configuration now in force
 * @param loaded the identity in use, or null when the alias does not sign
 * @param lastError why the last load failed, or null when it succeeded
 * @param lastFailure when the last load failed, or null when it succeeded
 * @param failedDigest the file digest of the failed load, or null
 */
record AliasState(
        AliasSigningConfig config,
        @Nullable Loaded loaded,
        @Nullable String lastError,
        @Nullable Instant lastFailure,
        @Nullable String failedDigest) {

    static AliasState loaded(AliasSigningConfig config, Loaded loaded) {
        return new AliasState(config, loaded, null, null, null);
    }

    static AliasState unconfigured(AliasSigningConfig config) {
        return new AliasState(config, null, null, null, null);
    }

    /** Returns whether the files changed since the identity in use was loaded, or the last load failed. */
    boolean needsReload() {
        if (lastError != null || loaded == null) {
            return true;
        }
        return !FileDigest.of(config.files()).equals(loaded.digest());
    }

    SigningStatus status() {
        if (loaded == null) {
            return new SigningStatus(false, null, null, null, null, lastError, lastFailure);
        }
        SigningIdentity identity = loaded.identity();
        return new SigningStatus(
                true,
                identity.canonicalDn(),
                identity.fingerprint(),
                identity.notAfter(),
                identity.algorithm().jwsName(),
                lastError,
                lastFailure);
    }

    /**
     * A loaded identity and its signer.
     *
     * @param identity the signing identity
     * @param signer the signer over it
     * @param digest the digest of the files it was loaded from, taken before loading
     */
    record Loaded(SigningIdentity identity, RequestSigner signer, String digest) {
        @Override
        public String toString() {
            return "Loaded[" + identity + "]";
        }
    }
}
