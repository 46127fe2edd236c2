package org.certbound.server.remote.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The querying user as the fulfilling cluster receives it: who sent the request and which {@code
 * remote_indices} privileges that user holds for the target cluster.
 *
 * <p>On the wire it is the Base64 (standard alphabet, padded) of the UTF-8 JSON object
 * {@code {"username":..,"realm":..,"realm_type":..,"role_descriptors":{"<role>":{"indices":[..]}}}}.
 * Each role descriptor has Elasticsearch's role shape with the user's {@code remote_indices} entries for
 * this cluster rewritten as {@code indices} entries (the {@code clusters} field dropped), so the
 * fulfilling side parses them like any role.
 *
 * @param username the querying user's name
 * @param realm the querying user's realm name
 * @param realmType the querying user's realm type, for example {@code file}
 * @param roleDescriptors the role descriptors by role name, each an object with an {@code indices} array
 */
public record SubjectInfo(String username, String realm, String realmType, Map<String, JsonNode> roleDescriptors) {

    /** The maximum encoded length accepted, 64 KiB, so a peer cannot make the decoder allocate without bound. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Checks the components and copies the role descriptors. */
    public SubjectInfo {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(realmType, "realmType");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        roleDescriptors.forEach((name, descriptor) -> copy.put(name, descriptor.deepCopy()));
        roleDescriptors = java.util.Collections.unmodifiableMap(copy);
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
        ObjectNode roles = root.putObject("role_descriptors");
        roleDescriptors.forEach(roles::set);
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
        JsonNode root;
        try {
            root = MAPPER.readTree(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject info is not valid Base64", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("subject info is not valid JSON", e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("subject info could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("subject info must be a JSON object");
        }
        JsonNode roles = root.path("role_descriptors");
        if (!roles.isObject()) {
            throw new IllegalArgumentException("subject info field [role_descriptors] must be an object");
        }
        Map<String, JsonNode> descriptors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> role = it.next();
            if (!role.getValue().isObject()) {
                throw new IllegalArgumentException(
                        "subject info role descriptor [" + role.getKey() + "] must be an object");
            }
            descriptors.put(role.getKey(), role.getValue());
        }
        return new SubjectInfo(
                requiredText(root, "username"),
                requiredText(root, "realm"),
                requiredText(root, "realm_type"),
                descriptors);
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException("subject info field [" + field + "] must be a non-empty string");
        }
        return value.textValue();
    }
}
