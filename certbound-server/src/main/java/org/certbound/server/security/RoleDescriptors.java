package org.certbound.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.query.QueryDslParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes role descriptors in Elasticsearch's JSON shape, as used by {@code roles.yml} and the
 * {@code role_descriptors} of API keys. Parsing is strict: an unknown field is an error.
 */
public final class RoleDescriptors {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ROLE_FIELDS = Set.of(
            "cluster",
            "indices",
            "remote_indices",
            "metadata",
            "description",
            "transient_metadata",
            "run_as",
            "applications",
            "remote_cluster");
    private static final Set<String> UNSUPPORTED_IF_NOT_EMPTY = Set.of("run_as", "applications", "remote_cluster");
    private static final Set<String> INDEX_FIELDS =
            Set.of("names", "privileges", "query", "field_security", "allow_restricted_indices");

    private RoleDescriptors() {}

    /**
     * Parses an object of roles by name, such as {@code {"reader": {"cluster": ["monitor"]}}}.
     *
     * @throws ApiException a 400 {@code parse_exception} naming the role and the field
     */
    public static List<RoleDescriptor> parse(JsonNode roles) {
        if (roles == null || roles.isNull()) {
            return List.of();
        }
        if (!roles.isObject()) {
            throw parseError("role descriptors must be an object of roles by name");
        }
        List<RoleDescriptor> parsed = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = roles.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> role = fields.next();
            parsed.add(parseRole(role.getKey(), role.getValue()));
        }
        return List.copyOf(parsed);
    }

    /**
     * Parses the body of one role.
     *
     * @throws ApiException a 400 {@code parse_exception} naming the role and the field
     */
    public static RoleDescriptor parseRole(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw parseError("failed to parse role [" + name + "]: the role must be an object");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!ROLE_FIELDS.contains(field)) {
                throw parseError("failed to parse role [" + name + "]: unknown field [" + field + "]");
            }
            if (UNSUPPORTED_IF_NOT_EMPTY.contains(field) && !isEmpty(body.get(field))) {
                throw parseError("failed to parse role [" + name + "]: field [" + field + "] is not supported");
            }
        }
        try {
            return new RoleDescriptor(
                    name,
                    strings(body.get("cluster"), name, "cluster"),
                    indices(body.get("indices"), name, "indices", false),
                    remoteIndices(body.get("remote_indices"), name),
                    metadata(body.get("metadata"), name));
        } catch (IllegalArgumentException e) {
            throw parseError("failed to parse role [" + name + "]: " + e.getMessage());
        }
    }

    /**
     * Parses the body of a role that is being defined, in {@code roles.yml} or in the {@code role_descriptors} of an
     * API key, and also checks every document-level security query with the query DSL parser. A query that no search
     * could run is thus rejected at once instead of failing every later search.
     *
     * @throws ApiException a 400 {@code parse_exception} naming the role and the field
     */
    public static RoleDescriptor parseNewRole(String name, JsonNode body) {
        RoleDescriptor role = parseRole(name, body);
        for (int i = 0; i < role.indices().size(); i++) {
            checkQuery(name, "indices[" + i + "].query", role.indices().get(i).query());
        }
        for (int i = 0; i < role.remoteIndices().size(); i++) {
            checkQuery(
                    name,
                    "remote_indices[" + i + "].query",
                    role.remoteIndices().get(i).indices().query());
        }
        return role;
    }

    private static void checkQuery(String role, String field, @Nullable JsonNode query) {
        if (query == null) {
            return;
        }
        try {
            QueryDslParser.validate(query);
        } catch (IndexException e) {
            throw parseError(
                    "failed to parse role [" + role + "]: [" + field + "] is not a valid query: " + e.reason());
        }
    }

    /** Writes roles as an object of role bodies by name. */
    public static ObjectNode toJson(List<RoleDescriptor> roles) {
        ObjectNode json = MAPPER.createObjectNode();
        roles.forEach(role -> json.set(role.name(), toJson(role)));
        return json;
    }

    /** Writes the body of one role, without its name. */
    public static ObjectNode toJson(RoleDescriptor role) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode cluster = json.putArray("cluster");
        role.cluster().forEach(cluster::add);
        ArrayNode indices = json.putArray("indices");
        role.indices().forEach(index -> indices.add(indexToJson(index)));
        ArrayNode remote = json.putArray("remote_indices");
        for (RemoteIndicesPrivileges privileges : role.remoteIndices()) {
            ObjectNode entry = indexToJson(privileges.indices());
            ArrayNode clusters = MAPPER.createArrayNode();
            privileges.clusters().forEach(clusters::add);
            entry.set("clusters", clusters);
            remote.add(entry);
        }
        json.set("metadata", MAPPER.valueToTree(role.metadata()));
        json.putArray("applications");
        json.putArray("run_as");
        return json;
    }

    private static ObjectNode indexToJson(IndicesPrivileges index) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode names = json.putArray("names");
        index.names().forEach(names::add);
        ArrayNode privileges = json.putArray("privileges");
        index.privileges().forEach(privileges::add);
        if (index.fieldSecurity() != null) {
            ObjectNode fls = json.putObject("field_security");
            ArrayNode grant = fls.putArray("grant");
            index.fieldSecurity().grant().forEach(grant::add);
            if (!index.fieldSecurity().except().isEmpty()) {
                ArrayNode except = fls.putArray("except");
                index.fieldSecurity().except().forEach(except::add);
            }
        }
        if (index.query() != null) {
            json.set("query", index.query());
        }
        json.put("allow_restricted_indices", index.allowRestrictedIndices());
        return json;
    }

    private static List<IndicesPrivileges> indices(JsonNode node, String role, String field, boolean remote) {
        List<IndicesPrivileges> result = new ArrayList<>();
        for (JsonNode entry : array(node, role, field)) {
            result.add(indexPrivileges(entry, role, field, remote));
        }
        return result;
    }

    private static IndicesPrivileges indexPrivileges(JsonNode entry, String role, String field, boolean remote) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("each entry of [" + field + "] must be an object");
        }
        Iterator<String> names = entry.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!INDEX_FIELDS.contains(name) && !(remote && name.equals("clusters"))) {
                throw new IllegalArgumentException("unknown field [" + name + "] in [" + field + "]");
            }
        }
        JsonNode restricted = entry.get("allow_restricted_indices");
        if (restricted != null && !restricted.isBoolean()) {
            throw new IllegalArgumentException("[allow_restricted_indices] must be a boolean");
        }
        return new IndicesPrivileges(
                strings(entry.get("names"), role, "names"),
                strings(entry.get("privileges"), role, "privileges"),
                query(entry.get("query")),
                fieldSecurity(entry.get("field_security"), role),
                restricted != null && restricted.booleanValue());
    }

    private static List<RemoteIndicesPrivileges> remoteIndices(JsonNode node, String role) {
        List<RemoteIndicesPrivileges> result = new ArrayList<>();
        for (JsonNode entry : array(node, role, "remote_indices")) {
            List<String> clusters = strings(entry.get("clusters"), role, "clusters");
            result.add(new RemoteIndicesPrivileges(clusters, indexPrivileges(entry, role, "remote_indices", true)));
        }
        return result;
    }

    private static JsonNode query(JsonNode query) {
        if (query == null || query.isNull()) {
            return null;
        }
        if (query.isTextual()) {
            // roles.yml usually contains the query as a JSON string.
            try {
                JsonNode parsed = MAPPER.readTree(query.textValue());
                if (parsed == null || !parsed.isObject()) {
                    throw new IllegalArgumentException("[query] must be a JSON object");
                }
                return parsed;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("[query] is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!query.isObject()) {
            throw new IllegalArgumentException("[query] must be an object or a JSON string");
        }
        return query;
    }

    private static FieldSecurity fieldSecurity(JsonNode node, String role) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("[field_security] must be an object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("grant") && !name.equals("except")) {
                throw new IllegalArgumentException("unknown field [" + name + "] in [field_security]");
            }
        }
        return new FieldSecurity(
                strings(node.get("grant"), role, "grant"), strings(node.get("except"), role, "except"));
    }

    private static Map<String, Object> metadata(JsonNode node, String role) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("[metadata] must be an object");
        }
        return MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() {});
    }

    private static List<String> strings(JsonNode node, String role, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, role, field)) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("[" + field + "] must contain only strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    private static Iterable<JsonNode> array(JsonNode node, String role, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("[" + field + "] must be an array");
        }
        return node;
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    private static ApiException parseError(String reason) {
        return ApiException.of(400, "parse_exception", reason);
    }
}
