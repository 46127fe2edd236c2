package org.certbound.server.node;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.settings.AffixSetting;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;

/**
 * {@code GET /_cluster/settings} and {@code PUT /_cluster/settings}, in Elasticsearch's shape.
 *
 * <p>Security: the route needs {@code manage}, and an update that sets or resets any security setting (see
 * {@link SecuritySettingKeys}) also needs {@code manage_security}. Such an update is rejected whole, so a caller
 * with only {@code manage} changes either all of its settings or none.
 */
final class RestClusterSettingsAction {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String SECURITY_PRIVILEGE = "manage_security";

    private final ClusterSettings clusterSettings;
    private final AuthorizationService authorization;
    private final String nodeName;

    RestClusterSettingsAction(ClusterSettings clusterSettings, AuthorizationService authorization, String nodeName) {
        this.clusterSettings = clusterSettings;
        this.authorization = authorization;
        this.nodeName = nodeName;
    }

    RestResponse get(RestRequest request) {
        boolean flat = request.paramAsBoolean("flat_settings", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("persistent", render(clusterSettings.persistent(), flat));
        body.put("transient", render(clusterSettings.transientSettings(), flat));
        if (request.paramAsBoolean("include_defaults", false)) {
            body.put("defaults", render(defaults(), flat));
        }
        return RestResponse.ok(body);
    }

    RestResponse put(RestRequest request) {
        JsonNode body = request.contentAsJson();
        if (!body.isObject()) {
            throw ApiException.of(
                    400, "parse_exception", "request body must be an object with [persistent] and/or [transient]");
        }
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("persistent") && !field.equals("transient")) {
                throw ApiException.of(
                        400,
                        "x_content_parse_exception",
                        "unknown field [" + field
                                + "] in the cluster settings request; use [persistent] or [transient]");
            }
        }
        Map<String, Object> persistent = section(body, "persistent");
        Map<String, Object> transientSettings = section(body, "transient");
        checkSecuritySettings(request, persistent, transientSettings);
        ClusterSettings.UpdateResult result = clusterSettings.update(persistent, transientSettings);
        boolean flat = request.paramAsBoolean("flat_settings", false);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("acknowledged", true);
        response.put("persistent", render(result.persistent(), flat));
        response.put("transient", render(result.transientSettings(), flat));
        return RestResponse.ok(response);
    }

    /**
     * Checks that the caller has {@code manage_security} when the update touches a security setting.
     *
     * @throws ApiException a 403 naming the security settings of the update and the privilege they need
     */
    private void checkSecuritySettings(
            RestRequest request, Map<String, Object> persistent, Map<String, Object> transientSettings) {
        Set<String> keys = new LinkedHashSet<>(Settings.flatten(persistent).keySet());
        keys.addAll(Settings.flatten(transientSettings).keySet());
        List<String> security = SecuritySettingKeys.filter(keys);
        if (security.isEmpty()) {
            return;
        }
        try {
            authorization.checkCluster(request.authentication(), SECURITY_PRIVILEGE, "PUT /_cluster/settings");
        } catch (ApiException e) {
            throw ApiException.forbidden(e.getMessage() + ", because the update changes the security settings ["
                    + String.join(", ", security) + "]; without [" + SECURITY_PRIVILEGE
                    + "], send only the other settings");
        }
    }

    private static Map<String, Object> section(JsonNode body, String name) {
        JsonNode section = body.get(name);
        if (section == null || section.isNull()) {
            return Map.of();
        }
        if (!section.isObject()) {
            throw ApiException.of(400, "parse_exception", "[" + name + "] must be an object of settings");
        }
        return MAPPER.convertValue(section, new TypeReference<Map<String, Object>>() {});
    }

    /**
     * Returns every non-secret setting that neither persistent nor transient settings set, with its value from
     * {@code certbound.yml} or its default.
     */
    private Settings defaults() {
        Settings file = clusterSettings.file();
        Settings.Builder defaults = Settings.builder();
        for (Setting<?> setting : clusterSettings.registry().simpleSettings()) {
            addDefault(defaults, setting, file);
        }
        for (AffixSetting<?> affix : clusterSettings.registry().affixSettings()) {
            for (String namespace : affix.namespaces(file)) {
                addDefault(defaults, affix.concrete(namespace), file);
            }
        }
        defaults.put(NodeSettings.NODE_NAME.key(), nodeName);
        Settings explicit = clusterSettings.persistent().merge(clusterSettings.transientSettings());
        return defaults.build().filter(key -> !explicit.hasValue(key));
    }

    private static void addDefault(Settings.Builder defaults, Setting<?> setting, Settings file) {
        if (setting.isFiltered()) {
            return;
        }
        Object raw = file.getRaw(setting.key());
        if (raw instanceof List<?> list) {
            defaults.putList(setting.key(), list.stream().map(String::valueOf).toList());
        } else if (raw != null) {
            defaults.put(setting.key(), (String) raw);
        } else if (setting.defaultValue(file) instanceof List<?> list) {
            defaults.putList(setting.key(), list.stream().map(String::valueOf).toList());
        } else if (setting.defaultDescription() != null) {
            defaults.put(setting.key(), setting.defaultDescription());
        }
    }

    private static Map<String, Object> render(Settings settings, boolean flat) {
        return flat ? settings.asFlatMap() : settings.asNestedMap();
    }
}
