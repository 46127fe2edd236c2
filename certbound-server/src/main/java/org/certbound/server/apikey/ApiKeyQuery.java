package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code query} of {@code POST /_security/_query/api_key}: a predicate over stored keys.
 *
 * <p>Supported: {@code match_all}, {@code bool} (must, filter, should, must_not, minimum_should_match), {@code term},
 * {@code terms}, {@code ids}, {@code prefix}, {@code wildcard}, {@code range} and {@code exists}, over the fields of
 * {@link ApiKeyQueryFields}. Dates accept epoch milliseconds, ISO-8601 and {@code now} with {@code +}/{@code -}
 * offsets.
 */
@FunctionalInterface
interface ApiKeyQuery {
    /** A query that matches every key. */
    ApiKeyQuery MATCH_ALL = key -> true;

    /** Returns true when {@code key} matches. */
    boolean matches(ApiKeyDocument key);

    /**
     * Parses a query object.
     *
     * @throws IllegalArgumentException for an unknown query type or field, a wrong value type, or a query object
     *     with other than one key
     */
    static ApiKeyQuery parse(@Nullable JsonNode node, Clock clock) {
        return new Parser(clock).query(node);
    }

    /** The recursive-descent parser; each method handles one query type. */
    final class Parser {
        private static final Set<String> BOOL_FIELDS =
                Set.of("must", "filter", "should", "must_not", "minimum_should_match", "boost");
        private static final Set<String> RANGE_FIELDS = Set.of("gt", "gte", "lt", "lte", "format", "boost");
        private static final int MAX_DEPTH = 20;

        private final Clock clock;
        private int depth;

        private Parser(Clock clock) {
            this.clock = clock;
        }

        private ApiKeyQuery query(@Nullable JsonNode node) {
            if (node == null || !node.isObject() || node.size() != 1) {
                throw new ApiKeyParseException(
                        "[query] must be an object with exactly one query type, such as {\"term\": {...}}");
            }
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("[query] is nested deeper than " + MAX_DEPTH + " levels");
            }
            try {
                Map.Entry<String, JsonNode> entry = node.fields().next();
                return switch (entry.getKey()) {
                    case "match_all" -> matchAll(entry.getValue());
                    case "bool" -> bool(entry.getValue());
                    case "term" -> term(entry.getValue());
                    case "terms" -> terms(entry.getValue());
                    case "ids" -> ids(entry.getValue());
                    case "prefix" -> prefix(entry.getValue());
                    case "wildcard" -> wildcard(entry.getValue());
                    case "range" -> range(entry.getValue());
                    case "exists" -> exists(entry.getValue());
                    default ->
                        throw new IllegalArgumentException("query type [" + entry.getKey()
                                + "] is not supported for API key queries; use one of [bool, exists, ids, match_all, "
                                + "prefix, range, term, terms, wildcard]");
                };
            } finally {
                depth--;
            }
        }

        private ApiKeyQuery matchAll(JsonNode value) {
            JsonFields.object(value, "match_all", Set.of("boost"));
            return MATCH_ALL;
        }

        private ApiKeyQuery bool(JsonNode value) {
            ObjectNode bool = JsonFields.object(value, "bool", BOOL_FIELDS);
            List<ApiKeyQuery> must = clauses(bool, "must");
            must.addAll(clauses(bool, "filter"));
            List<ApiKeyQuery> should = clauses(bool, "should");
            List<ApiKeyQuery> mustNot = clauses(bool, "must_not");
            int minimumShould = minimumShouldMatch(bool, should.size(), must.isEmpty());
            return key -> {
                for (ApiKeyQuery clause : must) {
                    if (!clause.matches(key)) {
                        return false;
                    }
                }
                for (ApiKeyQuery clause : mustNot) {
                    if (clause.matches(key)) {
                        return false;
                    }
                }
                int matched = 0;
                for (ApiKeyQuery clause : should) {
                    if (clause.matches(key) && ++matched >= minimumShould) {
                        break;
                    }
                }
                return matched >= minimumShould;
            };
        }

        private List<ApiKeyQuery> clauses(ObjectNode bool, String occur) {
            JsonNode value = bool.get(occur);
            List<ApiKeyQuery> result = new ArrayList<>();
            if (value == null) {
                return result;
            }
            if (value.isArray()) {
                value.forEach(item -> result.add(query(item)));
            } else {
                result.add(query(value));
            }
            return result;
        }

        private static int minimumShouldMatch(ObjectNode bool, int shouldCount, boolean noMust) {
            JsonNode value = bool.get("minimum_should_match");
            if (value == null) {
                // As in Elasticsearch: with no must or filter clause, at least one should clause must match.
                return shouldCount > 0 && noMust ? 1 : 0;
            }
            if (!value.canConvertToInt() && !value.isTextual()) {
                throw JsonFields.wrongType("bool", "minimum_should_match", "an integer", value);
            }
            try {
                int minimum =
                        value.isTextual() ? Integer.parseInt(value.textValue().trim()) : value.intValue();
                return minimum < 0 ? Math.max(0, shouldCount + minimum) : minimum;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("[bool.minimum_should_match] must be an integer but was ["
                        + value.textValue() + "]; percentages are not supported");
            }
        }

        private ApiKeyQuery term(JsonNode value) {
            FieldClause clause = FieldClause.of("term", value, Set.of("value", "case_insensitive", "boost"));
            Object expected = QueryValues.parse(clause.field(), clause.value("value"), clock);
            boolean caseInsensitive = clause.flag("case_insensitive");
            return key -> anyValue(key, clause.field(), v -> QueryValues.equal(v, expected, caseInsensitive));
        }

        private ApiKeyQuery terms(JsonNode value) {
            ObjectNode object = JsonFields.anyObject(value, "terms");
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!name.equals("boost")) {
                    fields.add(name);
                }
            });
            if (fields.size() != 1 || !object.get(fields.get(0)).isArray()) {
                throw new ApiKeyParseException("[terms] must name exactly one field with an array of values");
            }
            String field = ApiKeyQueryFields.resolve(fields.get(0));
            List<Object> expected = new ArrayList<>();
            object.get(fields.get(0)).forEach(item -> expected.add(QueryValues.parse(field, item, clock)));
            return key -> anyValue(key, field, v -> expected.stream().anyMatch(e -> QueryValues.equal(v, e, false)));
        }

        private ApiKeyQuery ids(JsonNode value) {
            ObjectNode object = JsonFields.object(value, "ids", Set.of("values", "boost"));
            List<String> ids = JsonFields.stringList(object, "ids", "values");
            return key -> ids.contains(key.id());
        }

        private ApiKeyQuery prefix(JsonNode value) {
            FieldClause clause = FieldClause.of("prefix", value, Set.of("value", "case_insensitive", "boost"));
            String prefix = clause.text("value");
            boolean caseInsensitive = clause.flag("case_insensitive");
            String needle = caseInsensitive ? prefix.toLowerCase(Locale.ROOT) : prefix;
            return key -> anyValue(key, clause.field(), v -> {
                String text = QueryValues.text(v);
                return (caseInsensitive ? text.toLowerCase(Locale.ROOT) : text).startsWith(needle);
            });
        }

        private ApiKeyQuery wildcard(JsonNode value) {
            FieldClause clause =
                    FieldClause.of("wildcard", value, Set.of("value", "wildcard", "case_insensitive", "boost"));
            String glob = clause.has("wildcard") ? clause.text("wildcard") : clause.text("value");
            Pattern pattern = QueryValues.glob(glob, clause.flag("case_insensitive"));
            return key -> anyValue(
                    key,
                    clause.field(),
                    v -> pattern.matcher(QueryValues.text(v)).matches());
        }

        private ApiKeyQuery range(JsonNode value) {
            FieldClause clause = FieldClause.of("range", value, RANGE_FIELDS);
            if (!clause.body().isObject()) {
                throw new ApiKeyParseException("[range] field [" + clause.field() + "] must be an object");
            }
            Object gt = clause.has("gt") ? QueryValues.parse(clause.field(), clause.value("gt"), clock) : null;
            Object gte = clause.has("gte") ? QueryValues.parse(clause.field(), clause.value("gte"), clock) : null;
            Object lt = clause.has("lt") ? QueryValues.parse(clause.field(), clause.value("lt"), clock) : null;
            Object lte = clause.has("lte") ? QueryValues.parse(clause.field(), clause.value("lte"), clock) : null;
            return key -> anyValue(
                    key,
                    clause.field(),
                    v -> (gt == null || QueryValues.compare(v, gt) > 0)
                            && (gte == null || QueryValues.compare(v, gte) >= 0)
                            && (lt == null || QueryValues.compare(v, lt) < 0)
                            && (lte == null || QueryValues.compare(v, lte) <= 0));
        }

        private ApiKeyQuery exists(JsonNode value) {
            ObjectNode object = JsonFields.object(value, "exists", Set.of("field", "boost"));
            String name = JsonFields.optionalString(object, "exists", "field");
            if (name == null) {
                throw new ApiKeyParseException("[exists] requires [field]");
            }
            String field = ApiKeyQueryFields.resolve(name);
            return key -> !ApiKeyQueryFields.values(key, field).isEmpty();
        }

        private static boolean anyValue(
                ApiKeyDocument key, String field, java.util.function.Predicate<Object> predicate) {
            for (Object value : ApiKeyQueryFields.values(key, field)) {
                if (predicate.test(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
