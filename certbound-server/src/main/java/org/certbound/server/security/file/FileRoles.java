package org.certbound.server.security.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.certbound.server.common.ApiException;
import org.certbound.server.security.RoleDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code roles.yml}: role bodies by name in Elasticsearch's shape. An invalid role is skipped and logged. */
public final class FileRoles {

    private static final Logger logger = LoggerFactory.getLogger(FileRoles.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FileRoles() {}

    /**
     * Reads the roles of {@code file}; a missing or empty file has no roles.
     *
     * @throws IOException when the file cannot be read or is not YAML
     */
    public static Map<String, RoleDescriptor> read(Path file) throws IOException {
        Map<String, RoleDescriptor> roles = new TreeMap<>();
        if (!Files.exists(file)) {
            return roles;
        }
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || root.isNull() || root.isMissingNode()) {
            return roles;
        }
        if (!root.isObject()) {
            throw new IOException("[" + file + "] must be a mapping of role names to roles");
        }
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (name.equals(RoleDescriptor.SUPERUSER.name())) {
                logger.warn("ignoring role [{}] in [{}]: the name is reserved for the built-in role", name, file);
                continue;
            }
            try {
                roles.put(name, org.certbound.server.security.RoleDescriptors.parseNewRole(name, entry.getValue()));
            } catch (ApiException e) {
                logger.error("ignoring invalid role [{}] in [{}]: {}", name, file, e.getMessage());
            }
        }
        return roles;
    }
}
