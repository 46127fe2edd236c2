package org.certbound.server.remote.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The querying user as the fulfilling cluster receives it: who sent the request and which {@code remote_indices}
 * privileges that user holds for the target cluster.
 *
 * <p>The privileges are an ordered list of role descriptor sets. Within a set the roles add up, and across sets every
 * set must grant an index: the request may use only the intersection. A realm user, or an API key that inherits its
 * owner's privileges, has one set. An API key with its own role descriptors has two, the key's own roles first and
 * its owner's roles second, because its privileges are the intersection of the two.
 *
 * <p>On the wire it is the Base64 (standard alphabet, padded) of the UTF-8 JSON object {@code
 * {"username":..,"realm":..,"realm_type":..,"role_descriptors":..}}. With one set, {@code role_descriptors} is that
 * set, an object of role descriptors by role name: {@code {"<role>":{"indices":[..]}}}. With several sets it is an
 * array of such objects. One set is encoded as an object so that a node that reads only that shape keeps working,
 * and such a node rejects the array, so it never grants a subject more than the intersection. Each role descriptor
 * has Elasticsearch's role shape with the user's {@code remote_indices} entries for this cluster rewritten as
 * {@code indices} entries (the {@code clusters} field dropped), so the fulfilling side parses them like any role.
 *
 * @param username the querying user's name
 * @param realm the querying user's realm name
 * @param realmType the querying user's realm type, for example {@code file}
 * @param roleDescriptorSets the role descriptor sets, each a map from role name to an object with an {@code
 *     indices} array; at least one
 */
public record SubjectInfo(
        String username, String realm, String realmType, List<Map<String, JsonNode>> roleDescriptorSets) {

    /** The maximum encoded length accepted, 64 KiB, so a peer cannot make the decoder allocate without bound. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * Checks the components and copies the role descriptor sets.
     *
     * @throws IllegalArgumentException when there is no role descriptor set, because the intersection of no sets
     *     would restrict nothing
     */
    public SubjectInfo {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(realmType, "realmType");
        if (roleDescriptorSets.isEmpty()) {
            throw new IllegalArgumentException("subject info must have at least one role descriptor set");
        }
        List<Map<String, JsonNode>> sets = new ArrayList<>();
        for (Map<String, JsonNode> set : roleDescriptorSets) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            set.forEach((name, descriptor) -> copy.put(name, descriptor.deepCopy()));
            sets.add(Collections.unmodifiableMap(copy));
        }
        roleDescriptorSets = List.copyOf(sets);
    }

    /**
     * Encodes the subject info for the {@link CrossClusterHeaders#SUBJECT_INFO} header.
     *
     * @return Base64 of the JSON form
     */
    public String encode() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("username", username);
        root.put("realm", realm);
        root.put("realm_type", realmType);
        if (roleDescriptorSets.size() == 1) {
            root.set("role_descriptors", toJson(roleDescriptorSets.get(0)));
        } else {
            ArrayNode sets = root.putArray("role_descriptors");
            roleDescriptorSets.forEach(set -> sets.add(toJson(set)));
        }
        return Base64.getEncoder().encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a {@link CrossClusterHeaders#SUBJECT_INFO} header value.
     *
     * @param encoded the header value
     * @return the subject info
     * @throws IllegalArgumentException when the value is too long, not Base64, not JSON or not in the shape
     *     above; the message never repeats the value
     */
    public static SubjectInfo decode(String encoded) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("subject info is " + encoded.length()
                    + " characters long, more than the maximum of " + MAX_ENCODED_LENGTH);
        }
        JsonNode root = readJson(encoded);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("subject info must be a JSON object");
        }
        return new SubjectInfo(
                requiredText(root, "username"),
                requiredText(root, "realm"),
                requiredText(root, "realm_type"),
                roleDescriptorSets(root.path("role_descriptors")));
    }

    private static JsonNode readJson(String encoded) {
        try {
            return MAPPER.readTree(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject info is not valid Base64", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("subject info is not valid JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("subject info could not be read", e);
        }
    }

    private static List<Map<String, JsonNode>> roleDescriptorSets(JsonNode roles) {
        if (roles.isObject()) {
            return List.of(roleDescriptorSet(roles));
        }
        if (!roles.isArray() || roles.isEmpty()) {
            throw new IllegalArgumentException(
                    "subject info field [role_descriptors] must be an object or a non-empty array of objects");
        }
        List<Map<String, JsonNode>> sets = new ArrayList<>();
        for (JsonNode set : roles) {
            if (!set.isObject()) {
                throw new IllegalArgumentException(
                        "subject info field [role_descriptors[" + sets.size() + "]] must be an object");
            }
            sets.add(roleDescriptorSet(set));
        }
        return sets;
    }

    private static Map<String, JsonNode> roleDescriptorSet(JsonNode set) {
        Map<String, JsonNode> descriptors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> role = it.next();
            if (!role.getValue().isObject()) {
                throw new IllegalArgumentException(
                        "subject info role descriptor [" + role.getKey() + "] must be an object");
            }
            descriptors.put(role.getKey(), role.getValue());
        }
        return descriptors;
    }

    private static ObjectNode toJson(Map<String, JsonNode> set) {
        ObjectNode roles = MAPPER.createObjectNode();
        set.forEach(roles::set);
        return roles;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException("subject info field [" + field + "] must be a non-empty string");
        }
        return value.textValue();
    }
}
