package org.certbound.server.index.fieldcaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.certbound.server.index.IndexShard;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.certbound.server.index.mapping.Mappings;
import org.certbound.server.index.security.FieldSecurity;
import org.certbound.server.index.security.IndexAccessControl;

/**
 * Reads the capabilities of fields from the mappings of concrete indices.
 *
 * <p>A field is reported when its path matches a requested pattern, and so are the {@code object} fields above it, as
 * in Elasticsearch. Metadata fields such as {@code _id} are not reported.
 *
 * <p>Security: a field that field level security hides from the caller is absent, and an object is reported only
 * when a visible field lies under it, so the response never names a hidden field.
 */
public final class FieldCapabilitiesService {
    private final IndicesService indices;

    /** Creates the service over a node's indices. */
    public FieldCapabilitiesService(IndicesService indices) {
        this.indices = indices;
    }

    /**
     * Collects the capabilities of the requested fields in each index.
     *
     * @param names concrete index names, already resolved and authorized
     * @param patterns the field patterns
     * @param access the caller's field level security per index
     * @return one entry per index, in the order of {@code names}
     * @throws org.certbound.server.index.IndexException 404 when an index no longer exists
     */
    public List<IndexFieldCapabilities> collect(List<String> names, List<String> patterns, IndexAccessControl access) {
        List<Pattern> compiled =
                patterns.stream().map(Mappings::wildcardToRegex).toList();
        List<IndexFieldCapabilities> out = new ArrayList<>();
        for (String name : names) {
            IndexShard shard = indices.shard(name);
            FieldSecurity fields = access.forIndex(name).fieldSecurity();
            out.add(new IndexFieldCapabilities(
                    name, capabilities(shard.metadata().mappings(), compiled, fields::isVisible)));
        }
        return out;
    }

    static Map<String, FieldCapability> capabilities(
            Mappings mappings, List<Pattern> patterns, Predicate<String> visible) {
        Map<String, FieldCapability> out = new LinkedHashMap<>();
        for (FieldMapping field : mappings.allFields()) {
            if (!matchesAny(patterns, field.path()) || !isVisible(mappings, field, visible)) {
                continue;
            }
            out.put(field.path(), FieldCapability.of(field));
            addParentObjects(mappings, field.path(), out);
        }
        return out;
    }

    private static boolean isVisible(Mappings mappings, FieldMapping field, Predicate<String> visible) {
        if (field.type() != FieldType.OBJECT) {
            return visible.test(field.path());
        }
        return mappings.leafFieldsUnder(field.path()).stream().anyMatch(leaf -> visible.test(leaf.path()));
    }

    private static void addParentObjects(Mappings mappings, String path, Map<String, FieldCapability> out) {
        int dot = path.lastIndexOf('.');
        while (dot > 0) {
            String parentPath = path.substring(0, dot);
            FieldMapping parent = mappings.field(parentPath);
            // A multi-field such as message.keyword has a text parent, which is not an object.
            if (parent != null && parent.type() == FieldType.OBJECT) {
                out.putIfAbsent(parentPath, FieldCapability.of(parent));
            }
            dot = parentPath.lastIndexOf('.');
        }
    }

    private static boolean matchesAny(List<Pattern> patterns, String path) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
