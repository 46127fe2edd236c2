package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one index. Keys may be given nested ({@code {"index":{"number_of_shards":1}}}), flat with or without
 * the {@code index.} prefix, and with numbers as JSON numbers or strings; unknown keys are rejected.
 *
 * <p>NOTE: every index has exactly one Lucene shard. {@code number_of_shards} and {@code number_of_replicas} are
 * validated, stored and reported, but do not change how the data is laid out.
 *
 * @param numberOfShards {@code index.number_of_shards}, at least 1
 * @param numberOfReplicas {@code index.number_of_replicas}, at least 0
 * @param refreshIntervalMillis {@code index.refresh_interval} in milliseconds, or -1 when periodic refresh is off
 * @param maxResultWindow {@code index.max_result_window}, the largest {@code from + size} a search may ask for
 */
public record IndexSettings(int numberOfShards, int numberOfReplicas, long refreshIntervalMillis, int maxResultWindow) {
    /** The settings of an index created without any. */
    public static final IndexSettings DEFAULT = new IndexSettings(1, 1, 1000, 10_000);

    /**
     * Parses the {@code settings} object of a create-index request.
     *
     * @throws IndexException {@code illegal_argument_exception} for an unknown key or an invalid value
     */
    public static IndexSettings parse(@Nullable JsonNode json) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (json != null && !json.isNull()) {
            flatten("", json, flat);
        }
        IndexSettings settings = DEFAULT;
        for (Map.Entry<String, String> entry : flat.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        return settings;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            String key = prefix.startsWith("index.") ? prefix : "index." + prefix;
            out.put(key, node.asText());
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
        }
    }

    private IndexSettings with(String key, String value) {
        return switch (key) {
            case "index.number_of_shards" ->
                new IndexSettings(atLeast(key, value, 1), numberOfReplicas, refreshIntervalMillis, maxResultWindow);
            case "index.number_of_replicas" ->
                new IndexSettings(numberOfShards, atLeast(key, value, 0), refreshIntervalMillis, maxResultWindow);
            case "index.refresh_interval" ->
                new IndexSettings(numberOfShards, numberOfReplicas, parseInterval(key, value), maxResultWindow);
            case "index.max_result_window" ->
                new IndexSettings(numberOfShards, numberOfReplicas, refreshIntervalMillis, atLeast(key, value, 1));
            default ->
                throw IndexException.illegalArgument("unknown setting [" + key + "]; supported index settings"
                        + " are [index.number_of_shards, index.number_of_replicas, index.refresh_interval,"
                        + " index.max_result_window]");
        };
    }

    private static int atLeast(String key, String value, int minimum) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw IndexException.illegalArgument(
                    "Failed to parse value [" + value + "] for setting [" + key + "]; expected a whole number");
        }
        if (parsed < minimum) {
            throw IndexException.illegalArgument(
                    "Failed to parse value [" + value + "] for setting [" + key + "] must be >= " + minimum);
        }
        return parsed;
    }

    /**
     * Parses a time value such as {@code 500ms}, {@code 1s}, {@code 2m} or {@code 1h}; {@code -1} means off.
     *
     * @throws IndexException {@code illegal_argument_exception} when the value has no known unit
     */
    public static long parseInterval(String key, String value) {
        String text = value.trim();
        if (text.equals("-1")) {
            return -1;
        }
        long[] multipliers = {1, 1000, 60_000, 3_600_000, 86_400_000};
        String[] units = {"ms", "s", "m", "h", "d"};
        for (int i = 0; i < units.length; i++) {
            if (text.endsWith(units[i]) && !(units[i].equals("s") && text.endsWith("ms"))) {
                String number = text.substring(0, text.length() - units[i].length());
                try {
                    return Long.parseLong(number) * multipliers[i];
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw IndexException.illegalArgument("failed to parse setting [" + key + "] with value [" + value
                + "] as a time value: use a number followed by one of [ms, s, m, h, d], or -1");
    }

    /** Renders the settings as {@code GET /<index>} shows them, with values as strings. */
    public ObjectNode toJson(String name, String uuid, long creationDate) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode index = root.putObject("index");
        index.put("creation_date", Long.toString(creationDate));
        index.put("number_of_shards", Integer.toString(numberOfShards));
        index.put("number_of_replicas", Integer.toString(numberOfReplicas));
        if (refreshIntervalMillis != DEFAULT.refreshIntervalMillis) {
            index.put("refresh_interval", refreshIntervalMillis < 0 ? "-1" : refreshIntervalMillis + "ms");
        }
        if (maxResultWindow != DEFAULT.maxResultWindow) {
            index.put("max_result_window", Integer.toString(maxResultWindow));
        }
        index.put("uuid", uuid);
        index.put("provided_name", name);
        return root;
    }
}
