package org.certbound.server.security;

import java.util.List;
import java.util.Objects;

/**
 * Index privileges on remote clusters, as in the {@code remote_indices} list of an Elasticsearch role.
 *
 * @param clusters remote cluster alias patterns, for example {@code rc1} or {@code *}
 * @param indices the privileges on those clusters' indices
 */
public record RemoteIndicesPrivileges(List<String> clusters, IndicesPrivileges indices) {

    /** Copies the list and requires at least one cluster. */
    public RemoteIndicesPrivileges {
        clusters = List.copyOf(clusters);
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("remote index privileges need at least one alias in [clusters]");
        }
        Objects.requireNonNull(indices, "indices");
    }
}
