package org.certbound.server.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named role: cluster privileges, index privileges and remote index privileges. {@link RoleDescriptors}
 * reads and writes the Elasticsearch JSON shape.
 *
 * @param name the role name
 * @param cluster cluster privilege names, see {@link ClusterPrivileges}
 * @param indices privileges on local indices
 * @param remoteIndices privileges on indices of remote clusters
 * @param metadata free-form metadata; keys starting with {@code _} are reserved
 */
public record RoleDescriptor(
        String name,
        List<String> cluster,
        List<IndicesPrivileges> indices,
        List<RemoteIndicesPrivileges> remoteIndices,
        Map<String, Object> metadata) {

    /** The built-in role with every privilege on the cluster, on every index and on every remote cluster. */
    public static final RoleDescriptor SUPERUSER = new RoleDescriptor(
            "superuser",
            List.of("all"),
            List.of(new IndicesPrivileges(List.of("*"), List.of("all"), null, null, true)),
            List.of(new RemoteIndicesPrivileges(
                    List.of("*"), new IndicesPrivileges(List.of("*"), List.of("all"), null, null, true))),
            Map.of("_reserved", true));

    /** Copies every collection; null collections are empty. */
    public RoleDescriptor {
        Objects.requireNonNull(name, "name");
        cluster = cluster == null ? List.of() : List.copyOf(cluster);
        indices = indices == null ? List.of() : List.copyOf(indices);
        remoteIndices = remoteIndices == null ? List.of() : List.copyOf(remoteIndices);
        metadata = metadata == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
