package org.certbound.server.index.fieldcaps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the {@code _field_caps} response in Elasticsearch's shape from the capabilities of each index, local or
 * remote.
 *
 * <p>Each field maps each of its types to {@code type}, {@code metadata_field}, {@code searchable} and {@code
 * aggregatable}. When a field has more than one type across the indices, each type also lists its {@code indices}. A
 * flag is true only when it is true in every index of the type, and {@code non_searchable_indices} or {@code
 * non_aggregatable_indices} list the exceptions when the indices disagree. With {@code include_unmapped}, the indices
 * that lack a field are reported under the type {@code unmapped}.
 */
public final class FieldCapabilitiesResponse {

    /** The type name of a field that an index does not map, as {@code include_unmapped} reports it. */
    public static final String UNMAPPED = "unmapped";

    /**
     * A cluster whose indices are missing from the response because it was skipped.
     *
     * @param indices the index expressions that were sent to the cluster, as {@code <alias>:<expression>}
     * @param type the Elasticsearch error type
     * @param reason the reason text
     */
    public record Failure(List<String> indices, String type, String reason) {

        /** Copies the expressions and checks the components. */
        public Failure {
            indices = List.copyOf(indices);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private FieldCapabilitiesResponse() {}

    /**
     * Renders the response.
     *
     * @param indices the capabilities of every index the request reached
     * @param includeUnmapped whether to report the indices that lack a field
     * @param failures the skipped clusters; none renders no {@code failures} key
     * @return {@code {"indices":[..],"fields":{..}}}, with {@code failed_indices} and {@code failures} when a cluster
     *     was skipped
     */
    public static ObjectNode render(
            List<IndexFieldCapabilities> indices, boolean includeUnmapped, List<Failure> failures) {
        TreeSet<String> names = new TreeSet<>();
        Map<String, Map<String, List<Entry>>> byField = new TreeMap<>();
        for (IndexFieldCapabilities index : indices) {
            names.add(index.index());
            index.fields()
                    .forEach((path, capability) -> byField.computeIfAbsent(path, p -> new TreeMap<>())
                            .computeIfAbsent(capability.type(), t -> new ArrayList<>())
                            .add(new Entry(index.index(), capability)));
        }

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode namesJson = json.putArray("indices");
        names.forEach(namesJson::add);
        ObjectNode fields = json.putObject("fields");
        byField.forEach((path, types) -> {
            if (includeUnmapped) {
                addUnmapped(names, types);
            }
            ObjectNode typesJson = fields.putObject(path);
            types.forEach((type, entries) -> typesJson.set(type, renderType(type, entries, types.size() > 1)));
        });
        if (!failures.isEmpty()) {
            renderFailures(json, failures);
        }
        return json;
    }

    private static void addUnmapped(TreeSet<String> names, Map<String, List<Entry>> types) {
        TreeSet<String> missing = new TreeSet<>(names);
        types.values().forEach(entries -> entries.forEach(entry -> missing.remove(entry.index())));
        FieldCapability unmapped = new FieldCapability(UNMAPPED, false, false);
        missing.forEach(
                index -> types.computeIfAbsent(UNMAPPED, t -> new ArrayList<>()).add(new Entry(index, unmapped)));
    }

    private static ObjectNode renderType(String type, List<Entry> entries, boolean listIndices) {
        List<String> indices = new ArrayList<>();
        List<String> nonSearchable = new ArrayList<>();
        List<String> nonAggregatable = new ArrayList<>();
        for (Entry entry : entries) {
            indices.add(entry.index());
            if (!entry.capability().searchable()) {
                nonSearchable.add(entry.index());
            }
            if (!entry.capability().aggregatable()) {
                nonAggregatable.add(entry.index());
            }
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("metadata_field", false);
        json.put("searchable", nonSearchable.isEmpty());
        json.put("aggregatable", nonAggregatable.isEmpty());
        if (listIndices) {
            putSorted(json, "indices", indices);
        }
        if (!nonSearchable.isEmpty() && nonSearchable.size() < indices.size()) {
            putSorted(json, "non_searchable_indices", nonSearchable);
        }
        if (!nonAggregatable.isEmpty() && nonAggregatable.size() < indices.size()) {
            putSorted(json, "non_aggregatable_indices", nonAggregatable);
        }
        return json;
    }

    private static void renderFailures(ObjectNode json, List<Failure> failures) {
        json.put(
                "failed_indices",
                failures.stream().mapToInt(failure -> failure.indices().size()).sum());
        ArrayNode array = json.putArray("failures");
        for (Failure failure : failures) {
            ObjectNode entry = array.addObject();
            putSorted(entry, "indices", failure.indices());
            entry.putObject("failure").put("type", failure.type()).put("reason", failure.reason());
        }
    }

    private static void putSorted(ObjectNode json, String key, List<String> values) {
        ArrayNode array = json.putArray(key);
        new TreeSet<>(values).forEach(array::add);
    }

    private record Entry(String index, FieldCapability capability) {}
}
