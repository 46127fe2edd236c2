package org.certbound.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies signed cross-cluster requests and returns the verified identity of the signer.
 *
 * <p>A request passes only if the header is a well-formed JWS of format version 1, its action and target cluster
 * equal the request's, its signing time lies inside the freshness window around the verifier's clock, its chain
 * validates against the current trust, its algorithm fits the leaf's key, the signature verifies over the payload
 * rebuilt from the request, and its nonce was not seen before. The leaf whose key verified the signature is the end
 * entity of the validated path and the identity returned. Every failure throws; nothing returns a flag.
 * Implementations are thread-safe.
 */
public interface RequestVerifier {
    /** Default freshness window. */
    Duration DEFAULT_FRESHNESS_WINDOW = Duration.ofMinutes(5);
    /** Default number of remembered nonces. */
    int DEFAULT_NONCE_CACHE_SIZE = 100_000;

    /**
     * Verifies {@code signatureHeader} for a request described by {@code expected}.
     *
     * @param signatureHeader the signature header value, or null when the request carries none
     * @throws IdentityException with the {@link ReasonCode} of the first check that failed
     */
    VerifiedIdentity verify(@Nullable String signatureHeader, RequestClaims expected) throws IdentityException;

    /**
     * Returns a builder for a verifier that calls {@code validators.get()} on every request, so that
     * a trust reload can swap it atomically.
     */
    static Builder builder(Supplier<ChainValidator> validators) {
        return new Builder(validators);
    }

    /** Configures a {@link RequestVerifier}. */
    final class Builder {
        private final Supplier<ChainValidator> validators;
        private Duration freshnessWindow = DEFAULT_FRESHNESS_WINDOW;
        private Clock clock = Clock.systemUTC();
        private int nonceCacheSize = DEFAULT_NONCE_CACHE_SIZE;
        private @Nullable RequestVerifier predecessor;
        private @Nullable Instant notSignedBefore;

        private Builder(Supplier<ChainValidator> validators) {
            this.validators = Objects.requireNonNull(validators, "validators");
        }

        /**
         * Sets how far the signing time may lie from the verifier's clock, in either direction; it bounds both the age
         * of a signature and the clock skew between the hosts.
         *
         * @throws IllegalArgumentException unless the window is between 1 second and 1 hour
         */
        public Builder freshnessWindow(Duration window) {
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("freshness window must be between 1s and 1h, got [" + window + "]");
            }
            this.freshnessWindow = window;
            return this;
        }

        /** Sets the clock for freshness and certificate validity. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how many nonces are remembered. When the cache is full the oldest nonce is dropped, and signatures not
         * newer than it are rejected as stale, so a replay is never accepted. Size it to at least the request rate
         * times twice the freshness window.
         *
         * @throws IllegalArgumentException if the size is below 1
         */
        public Builder nonceCacheSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("nonce cache size must be >= 1, got [" + size + "]");
            }
            this.nonceCacheSize = size;
            return this;
        }

        /**
         * Makes the new verifier start with the nonces that {@code previous} accepted, so that changing the freshness
         * window or the cache size at run time opens no replay gap.
         */
        public Builder inheritNonces(RequestVerifier previous) {
            this.predecessor = Objects.requireNonNull(previous, "previous");
            return this;
        }

        /**
         * Rejects, as stale, signatures made before {@code startTime}, normally the moment the node started. Nonces
         * live in memory only, so without this a request accepted just before a restart could be replayed once
         * afterwards, inside its freshness window.
         */
        public Builder rejectSignedBefore(Instant startTime) {
            this.notSignedBefore = Objects.requireNonNull(startTime, "startTime");
            return this;
        }

        /** Returns the verifier. */
        public RequestVerifier build() {
            return new JwsRequestVerifier(
                    validators, freshnessWindow, clock, nonceCacheSize, predecessor, notSignedBefore);
        }
    }
}
