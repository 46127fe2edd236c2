package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one cluster in a cross-cluster search: its response, or the reason it was skipped or failed.
 *
 * @param alias the cluster alias, {@link #LOCAL} for this cluster
 * @param indices the index expression sent to that cluster, comma-separated
 * @param status the outcome
 * @param response the cluster's search or count response when {@code status} is successful
 * @param failure why the cluster was skipped or failed
 * @param tookMillis how long the cluster took, in milliseconds
 */
public record ClusterOutcome(
        String alias,
        String indices,
        Status status,
        @Nullable JsonNode response,
        @Nullable Failure failure,
        long tookMillis) {

    /** The alias of this cluster in {@code _clusters.details}, as Elasticsearch names it. */
    public static final String LOCAL = "(local)";

    /** The status names of {@code _clusters.details.<alias>.status}. */
    public enum Status {
        /** The cluster returned a response. */
        SUCCESSFUL,
        /** The cluster returned no response and has {@code skip_unavailable: true}. */
        SKIPPED,
        /** The cluster returned no response and has {@code skip_unavailable: false}. */
        FAILED;

        /** Returns the lowercase name used in the response. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A peer-safe failure reason.
     *
     * @param status the HTTP status the cluster answered with, or 503 when it could not be reached
     * @param type the Elasticsearch error type, for example {@code security_exception}
     * @param reasonCode the stable reason code, for example {@code identity_mismatch}
     * @param reason the reason text, naming the alias and, when known, the API key id
     */
    public record Failure(int status, String type, String reasonCode, String reason) {}

    /** Checks that a successful outcome has a response and any other outcome a failure. */
    public ClusterOutcome {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(status, "status");
        if ((status == Status.SUCCESSFUL) != (response != null)) {
            throw new IllegalArgumentException("a cluster outcome has a response exactly when it is successful");
        }
        if ((status == Status.SUCCESSFUL) == (failure != null)) {
            throw new IllegalArgumentException("a cluster outcome has a failure exactly when it is not successful");
        }
    }

    /**
     * Creates a successful outcome.
     *
     * @param alias the cluster alias
     * @param indices the index expression sent
     * @param response the cluster's response
     * @param tookMillis the cluster's time in milliseconds
     * @return the outcome
     */
    public static ClusterOutcome success(String alias, String indices, JsonNode response, long tookMillis) {
        return new ClusterOutcome(alias, indices, Status.SUCCESSFUL, response, null, tookMillis);
    }

    /**
     * Creates a skipped or failed outcome.
     *
     * @param alias the cluster alias
     * @param indices the index expression sent
     * @param skipUnavailable the alias's {@code skip_unavailable} setting
     * @param failure why the cluster did not answer
     * @param tookMillis the time spent in milliseconds
     * @return a skipped outcome when {@code skipUnavailable}, else a failed one
     */
    public static ClusterOutcome unavailable(
            String alias, String indices, boolean skipUnavailable, Failure failure, long tookMillis) {
        return new ClusterOutcome(
                alias, indices, skipUnavailable ? Status.SKIPPED : Status.FAILED, null, failure, tookMillis);
    }
}
