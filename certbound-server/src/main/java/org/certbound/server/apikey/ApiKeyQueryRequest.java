package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /_security/_query/api_key}: a query, paging with {@code from}/{@code size} or
 * {@code search_after}, and a sort.
 */
final class ApiKeyQueryRequest {
    /** The largest {@code from + size}, as Elasticsearch's default result window. */
    static final int MAX_RESULT_WINDOW = 10_000;

    private static final int DEFAULT_SIZE = 10;
    private static final Set<String> FIELDS = Set.of("query", "from", "size", "sort", "search_after");

    /** One sort key. */
    record SortField(String field, boolean descending) {}

    /** One page of matches, with the total before paging and each match's sort values. */
    record Page(int total, List<ApiKeyDocument> keys, List<List<Object>> sortValues) {}

    private final ApiKeyQuery query;
    private final int from;
    private final int size;
    private final List<SortField> sort;
    private final @Nullable List<Object> searchAfter;

    private ApiKeyQueryRequest(
            ApiKeyQuery query, int from, int size, List<SortField> sort, @Nullable List<Object> searchAfter) {
        this.query = query;
        this.from = from;
        this.size = size;
        this.sort = sort;
        this.searchAfter = searchAfter;
    }

    /** Parses a request body; a missing body means match all keys. */
    static ApiKeyQueryRequest parse(@Nullable JsonNode body, Clock clock) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return new ApiKeyQueryRequest(ApiKeyQuery.MATCH_ALL, 0, DEFAULT_SIZE, List.of(), null);
        }
        if (body.has("aggs") || body.has("aggregations")) {
            throw new IllegalArgumentException("aggregations are not supported by the API key query API; "
                    + "remove [aggs] and count the returned keys instead");
        }
        ObjectNode object = JsonFields.object(body, "query_api_keys_request", FIELDS);
        ApiKeyQuery query = object.has("query") ? ApiKeyQuery.parse(object.get("query"), clock) : ApiKeyQuery.MATCH_ALL;
        int from = nonNegativeInt(object, "from", 0);
        int size = nonNegativeInt(object, "size", DEFAULT_SIZE);
        if ((long) from + size > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("[from] + [size] must not exceed [" + MAX_RESULT_WINDOW + "] but was ["
                    + ((long) from + size) + "]; page with [search_after] instead");
        }
        List<SortField> sort = sort(object.get("sort"));
        List<Object> searchAfter = searchAfter(object.get("search_after"), sort, clock);
        if (searchAfter != null && from > 0) {
            throw new IllegalArgumentException("[from] must be 0 or absent when [search_after] is used");
        }
        return new ApiKeyQueryRequest(query, from, size, sort, searchAfter);
    }

    boolean hasSort() {
        return !sort.isEmpty();
    }

    /** Filters, sorts and pages {@code keys}. */
    Page execute(List<ApiKeyDocument> keys) {
        List<ApiKeyDocument> matches = new ArrayList<>();
        for (ApiKeyDocument key : keys) {
            if (query.matches(key)) {
                matches.add(key);
            }
        }
        matches.sort(comparator());
        int total = matches.size();
        if (searchAfter != null) {
            matches.removeIf(key -> compareSortValues(sortValues(key), searchAfter) <= 0);
        }
        List<ApiKeyDocument> page =
                matches.subList(Math.min(from, matches.size()), Math.min(from + size, matches.size()));
        List<List<Object>> values = new ArrayList<>(page.size());
        page.forEach(key -> values.add(sortValues(key)));
        return new Page(total, List.copyOf(page), values);
    }

    private Comparator<ApiKeyDocument> comparator() {
        if (sort.isEmpty()) {
            return Comparator.comparing(ApiKeyDocument::creation).thenComparing(ApiKeyDocument::id);
        }
        return (left, right) -> compareSortValues(sortValues(left), sortValues(right));
    }

    private List<Object> sortValues(ApiKeyDocument key) {
        List<Object> values = new ArrayList<>(sort.size());
        for (SortField field : sort) {
            List<Object> all = ApiKeyQueryFields.values(key, field.field());
            values.add(all.isEmpty() ? null : all.get(0));
        }
        return values;
    }

    private int compareSortValues(List<Object> left, List<Object> right) {
        for (int i = 0; i < sort.size(); i++) {
            Object a = left.get(i);
            Object b = right.get(i);
            if (a == null || b == null) {
                // Keys without the field sort last in either direction, as Elasticsearch's default "_last".
                if (a != b) {
                    return a == null ? 1 : -1;
                }
                continue;
            }
            int result = QueryValues.compare(a, b);
            if (result != 0) {
                return sort.get(i).descending() ? -result : result;
            }
        }
        return 0;
    }

    private static int nonNegativeInt(ObjectNode object, String field, int defaultValue) {
        JsonNode value = object.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw JsonFields.wrongType("query_api_keys_request", field, "an integer", value);
        }
        if (value.intValue() < 0) {
            throw new IllegalArgumentException("[" + field + "] must be >= 0 but was [" + value.intValue() + "]");
        }
        return value.intValue();
    }

    private static List<SortField> sort(@Nullable JsonNode value) {
        if (value == null) {
            return List.of();
        }
        List<SortField> result = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> result.add(sortField(item)));
        } else {
            result.add(sortField(value));
        }
        return List.copyOf(result);
    }

    private static SortField sortField(JsonNode item) {
        if (item.isTextual()) {
            return new SortField(ApiKeyQueryFields.resolve(item.textValue()), false);
        }
        if (!item.isObject() || item.size() != 1) {
            throw new ApiKeyParseException("[sort] entries must be a field name or {\"<field>\": {\"order\": ...}}");
        }
        Map.Entry<String, JsonNode> entry = item.fields().next();
        String field = ApiKeyQueryFields.resolve(entry.getKey());
        JsonNode order = entry.getValue().isObject() ? entry.getValue().get("order") : entry.getValue();
        if (entry.getValue().isObject()) {
            JsonFields.object(entry.getValue(), "sort." + entry.getKey(), Set.of("order", "format"));
        }
        if (order == null) {
            return new SortField(field, false);
        }
        String text = order.asText();
        if (!text.equals("asc") && !text.equals("desc")) {
            throw new IllegalArgumentException(
                    "[sort.order] must be [asc] or [desc] but was [" + text + "] for field [" + field + "]");
        }
        return new SortField(field, text.equals("desc"));
    }

    private static @Nullable List<Object> searchAfter(@Nullable JsonNode value, List<SortField> sort, Clock clock) {
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.size() != sort.size()) {
            throw new IllegalArgumentException(
                    "[search_after] must be an array with one value per [sort] field (" + sort.size() + ")");
        }
        List<Object> values = new ArrayList<>(sort.size());
        for (int i = 0; i < sort.size(); i++) {
            values.add(
                    value.get(i).isNull() ? null : QueryValues.parse(sort.get(i).field(), value.get(i), clock));
        }
        return values;
    }
}
