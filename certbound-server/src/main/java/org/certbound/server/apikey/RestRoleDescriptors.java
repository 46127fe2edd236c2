package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.certbound.server.security.RoleDescriptors;

/** Validation of the {@code role_descriptors} object of a REST API key: role names mapped to role descriptors. */
final class RestRoleDescriptors {
    private RestRoleDescriptors() {}

    /** Returns a copy of {@code value} when it is an object of named role descriptor objects. */
    static ObjectNode validate(JsonNode value) {
        if (!value.isObject()) {
            throw JsonFields.wrongType("api_key_request", "role_descriptors", "an object of named roles", value);
        }
        Iterator<Map.Entry<String, JsonNode>> roles = value.fields();
        while (roles.hasNext()) {
            Map.Entry<String, JsonNode> role = roles.next();
            if (role.getKey().isBlank()) {
                throw new IllegalArgumentException("[role_descriptors] must not contain a role with an empty name");
            }
            if (!role.getValue().isObject()) {
                throw JsonFields.wrongType(
                        "role_descriptors", role.getKey(), "a role descriptor object", role.getValue());
            }
            RoleDescriptors.parseNewRole(role.getKey(), role.getValue());
        }
        return ((ObjectNode) value).deepCopy();
    }
}
