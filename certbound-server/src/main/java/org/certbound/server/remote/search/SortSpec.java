package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The sort order of a search request, reduced to what merging needs: for each position of a hit's
 * {@code sort} array, whether it sorts descending.
 *
 * <p>Without a {@code sort} clause hits sort by {@code _score}, descending. {@code _score} sorts
 * descending unless told otherwise; any other field ascending. Missing values sort last either way,
 * as Elasticsearch's default {@code missing: _last} does.
 */
final class SortSpec {

    private final List<Boolean> descending;

    private SortSpec(List<Boolean> descending) {
        this.descending = List.copyOf(descending);
    }

    /** Returns the spec of a request body's {@code sort} clause, or empty when the hits sort by score. */
    static java.util.Optional<SortSpec> of(JsonNode body) {
        JsonNode sort = body.path("sort");
        if (sort.isMissingNode() || sort.isNull()) {
            return java.util.Optional.empty();
        }
        List<Boolean> order = new ArrayList<>();
        if (sort.isArray()) {
            sort.forEach(element -> order.add(isDescending(element)));
        } else {
            order.add(isDescending(sort));
        }
        return java.util.Optional.of(new SortSpec(order));
    }

    private static boolean isDescending(JsonNode element) {
        if (element.isTextual()) {
            return element.textValue().equals("_score");
        }
        if (!element.isObject() || element.size() != 1) {
            throw new IllegalArgumentException("a [sort] element must be a field name or an object with one field");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        String order =
                value.isTextual() ? value.textValue() : value.path("order").asText("");
        if (order.isEmpty()) {
            return field.getKey().equals("_score");
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException(
                    "sort order [" + order + "] of field [" + field.getKey() + "] must be [asc] or [desc]");
        }
        return order.equals("desc");
    }

    /** Returns a comparator of hits by their {@code sort} arrays. */
    Comparator<JsonNode> hitComparator() {
        return (left, right) -> {
            JsonNode leftValues = left.path("sort");
            JsonNode rightValues = right.path("sort");
            for (int i = 0; i < descending.size(); i++) {
                int result = compareValues(leftValues.path(i), rightValues.path(i), descending.get(i));
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    /** Returns a comparator of hits by {@code _score}, descending, missing scores last. */
    static Comparator<JsonNode> scoreComparator() {
        return (left, right) -> compareValues(left.path("_score"), right.path("_score"), true);
    }

    private static int compareValues(JsonNode left, JsonNode right, boolean descending) {
        boolean leftMissing = left.isMissingNode() || left.isNull();
        boolean rightMissing = right.isMissingNode() || right.isNull();
        if (leftMissing || rightMissing) {
            return Boolean.compare(leftMissing, rightMissing);
        }
        int result;
        if (left.isNumber() && right.isNumber()) {
            result = left.decimalValue().compareTo(right.decimalValue());
        } else if (left.isBoolean() && right.isBoolean()) {
            result = Boolean.compare(left.booleanValue(), right.booleanValue());
        } else {
            result = left.asText().compareTo(right.asText());
        }
        return descending ? -result : result;
    }
}
