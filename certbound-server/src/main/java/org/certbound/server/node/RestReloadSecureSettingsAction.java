package org.certbound.server.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certbound.server.common.ApiException;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /_nodes/reload_secure_settings}: decrypts the keystore again, with
 * {@code secure_settings_password} when it is protected, and hands it to every reload listener. The response
 * reports this node's result in Elasticsearch's shape, with {@code reload_exception} when something failed.
 */
final class RestReloadSecureSettingsAction {

    private static final Logger logger = LoggerFactory.getLogger(RestReloadSecureSettingsAction.class);

    private final NodeServices services;

    RestReloadSecureSettingsAction(NodeServices services) {
        this.services = services;
    }

    RestResponse handle(RestRequest request) {
        char[] password = password(request);
        Map<String, Object> nodes = new LinkedHashMap<>();
        try {
            if (targetsThisNode(request.param("node_id"))) {
                nodes.put(services.nodeId(), reload(password));
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", nodes.size());
        counts.put("successful", nodes.size());
        counts.put("failed", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_nodes", counts);
        body.put("cluster_name", services.clusterName());
        body.put("nodes", nodes);
        return RestResponse.ok(body);
    }

    private Map<String, Object> reload(char[] password) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", services.nodeName());
        SecureSettings fresh;
        try {
            fresh = services.environment().loadSecureSettings(password);
        } catch (KeystoreException e) {
            logger.warn("reloading secure settings failed: {}", e.getMessage());
            String reason = e.wrongPassword()
                    ? "the keystore password is incorrect; pass it as [secure_settings_password]"
                    : e.getMessage();
            result.put("reload_exception", describe(ApiException.of(400, "security_exception", reason)));
            return result;
        }
        result.put("secure_setting_names", List.copyOf(fresh.keys()));
        result.putAll(keystoreFileInfo());
        List<Exception> failures = new ArrayList<>();
        for (SecureSettingsReloadListener listener : services.reloadListeners()) {
            try {
                listener.reload(fresh);
                logger.info("reloaded secure settings of [{}]", listener.name());
            } catch (Exception e) {
                logger.warn("reloading secure settings of [{}] failed", listener.name(), e);
                failures.add(new IllegalStateException(
                        "failed to reload secure settings of [" + listener.name() + "]: " + e.getMessage(), e));
            }
        }
        services.replaceSecureSettings(fresh).close();
        if (!failures.isEmpty()) {
            Map<String, Object> exception = describe(failures.get(0));
            if (failures.size() > 1) {
                List<Object> suppressed = new ArrayList<>();
                failures.subList(1, failures.size()).forEach(f -> suppressed.add(describe(f)));
                exception.put("suppressed", suppressed);
            }
            result.put("reload_exception", exception);
        }
        return result;
    }

    private Map<String, Object> keystoreFileInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        java.nio.file.Path file = org.certbound.server.keystore.CertboundKeystore.path(services.configDir());
        try {
            byte[] content = java.nio.file.Files.readAllBytes(file);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            info.put("keystore_path", file.toString());
            info.put("keystore_digest", java.util.HexFormat.of().formatHex(digest));
            info.put(
                    "keystore_last_modified_time",
                    java.nio.file.Files.getLastModifiedTime(file).toInstant().toString());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            logger.debug("no keystore file details for [{}]: {}", file, e.toString());
        }
        return info;
    }

    private boolean targetsThisNode(String nodeIds) {
        if (nodeIds == null) {
            return true;
        }
        for (String id : nodeIds.split(",")) {
            String trimmed = id.trim();
            if (trimmed.equals("_all")
                    || trimmed.equals("_local")
                    || trimmed.equals("*")
                    || trimmed.equals(services.nodeId())
                    || trimmed.equals(services.nodeName())) {
                return true;
            }
        }
        return false;
    }

    private static char[] password(RestRequest request) {
        if (!request.hasContent()) {
            return new char[0];
        }
        JsonNode body = request.contentAsJson();
        if (!body.isObject()) {
            throw ApiException.of(400, "parse_exception", "request body must be an object");
        }
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("secure_settings_password")) {
                throw ApiException.of(
                        400,
                        "x_content_parse_exception",
                        "unknown field [" + field + "]; the only field is [secure_settings_password]");
            }
        }
        JsonNode password = body.get("secure_settings_password");
        if (password == null || password.isNull()) {
            return new char[0];
        }
        if (!password.isTextual()) {
            throw ApiException.of(400, "parse_exception", "[secure_settings_password] must be a string");
        }
        return password.textValue().toCharArray();
    }

    private static Map<String, Object> describe(Exception error) {
        Map<String, Object> description = new LinkedHashMap<>();
        if (error instanceof ApiException api) {
            description.put("type", api.type());
        } else {
            description.put("type", "illegal_state_exception");
        }
        description.put("reason", error.getMessage());
        if (error.getCause() != null && !(error instanceof ApiException)) {
            Map<String, Object> cause = new LinkedHashMap<>();
            cause.put("type", snake(error.getCause()));
            cause.put("reason", error.getCause().getMessage());
            description.put("caused_by", cause);
        }
        return description;
    }

    private static String snake(Throwable error) {
        return error.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
