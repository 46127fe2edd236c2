package org.certbound.server.index.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.DateFormat;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * Translates Elasticsearch's query DSL into Lucene queries for one index. Supported clauses: {@code match_all},
 * {@code match_none}, {@code match}, {@code match_phrase}, {@code multi_match}, {@code term}, {@code terms},
 * {@code range}, {@code exists}, {@code prefix}, {@code wildcard}, {@code ids}, {@code bool},
 * {@code constant_score} and {@code query_string}.
 *
 * <p>A clause that cannot be parsed gets {@code parsing_exception} naming it; a value that the field cannot hold gets
 * {@code query_shard_exception}. A query on an unmapped field matches nothing.
 */
public final class QueryDslParser {
    private static final Set<String> BOOL_KEYS =
            Set.of("must", "should", "must_not", "filter", "minimum_should_match", "boost", "_name");
    private static final Set<String> RANGE_KEYS = Set.of(
            "gt",
            "gte",
            "lt",
            "lte",
            "from",
            "to",
            "include_lower",
            "include_upper",
            "format",
            "time_zone",
            "boost",
            "relation",
            "_name");

    private final QueryContext context;

    /** Creates a parser for one index. */
    public QueryDslParser(QueryContext context) {
        this.context = context;
    }

    /**
     * Checks that a query uses only clauses and parameters this parser supports, without an index: every field is
     * unmapped, so the values are not checked against field types. Roles and API keys call this for their
     * document-level security queries, so that a query that no search could run is rejected when it is defined.
     *
     * @param query the query object
     * @throws IndexException {@code parsing_exception} (400) for an unknown or malformed clause
     */
    public static void validate(JsonNode query) {
        QueryContext noIndex = new QueryContext("_na_", "_na_", Mappings.empty(), field -> true, 0L);
        new QueryDslParser(noIndex).parse(query);
    }

    /** Translates a query; a null or missing query means {@code match_all}. */
    public Query parse(@Nullable JsonNode query) {
        if (query == null || query.isNull() || query.isMissingNode()) {
            return new MatchAllDocsQuery();
        }
        if (!query.isObject() || query.isEmpty()) {
            throw IndexException.parsing("query malformed, must start with start_object and name one query");
        }
        if (query.size() > 1) {
            List<String> names = new ArrayList<>();
            query.fieldNames().forEachRemaining(names::add);
            throw IndexException.parsing("[" + names.get(0) + "] malformed query, expected [END_OBJECT] but found"
                    + " [FIELD_NAME] for [" + names.get(1) + "]");
        }
        Map.Entry<String, JsonNode> clause = query.fields().next();
        return parseClause(clause.getKey(), clause.getValue());
    }

    private Query parseClause(String name, JsonNode body) {
        if (!body.isObject()) {
            throw IndexException.parsing("[" + name + "] query malformed, no start_object after query name");
        }
        FullTextQueries fullText = new FullTextQueries(context);
        return switch (name) {
            case "match_all" -> boosted(new MatchAllDocsQuery(), body, name, Set.of("boost", "_name"));
            case "match_none" -> new MatchNoDocsQuery("match_none");
            case "match" -> fullText.match(body);
            case "match_phrase" -> fullText.matchPhrase(body);
            case "multi_match" -> fullText.multiMatch(body);
            case "query_string" -> fullText.queryString(body);
            case "term" -> term(body);
            case "terms" -> terms(body);
            case "range" -> range(body);
            case "exists" -> exists(body);
            case "prefix" -> prefixOrWildcard(name, body);
            case "wildcard" -> prefixOrWildcard(name, body);
            case "ids" -> ids(body);
            case "bool" -> bool(body);
            case "constant_score" -> constantScore(body);
            default -> throw IndexException.parsing("unknown query [" + name + "]");
        };
    }

    private Query bool(JsonNode body) {
        checkKeys("bool", body, BOOL_KEYS);
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int required = addClauses(builder, body.get("must"), BooleanClause.Occur.MUST, "must");
        required += addClauses(builder, body.get("filter"), BooleanClause.Occur.FILTER, "filter");
        int should = addClauses(builder, body.get("should"), BooleanClause.Occur.SHOULD, "should");
        addClauses(builder, body.get("must_not"), BooleanClause.Occur.MUST_NOT, "must_not");
        JsonNode minimum = body.get("minimum_should_match");
        if (minimum != null) {
            builder.setMinimumNumberShouldMatch(MinimumShouldMatch.resolve("bool", minimum.asText(), should));
        } else if (required == 0 && should > 0) {
            // Without must or filter clauses, at least one should clause has to match.
            builder.setMinimumNumberShouldMatch(1);
        }
        Query query = builder.build();
        if (((BooleanQuery) query).clauses().isEmpty()) {
            query = new MatchAllDocsQuery();
        }
        return withBoost(query, body, "bool");
    }

    private int addClauses(
            BooleanQuery.Builder builder, @Nullable JsonNode clauses, BooleanClause.Occur occur, String name) {
        if (clauses == null || clauses.isNull()) {
            return 0;
        }
        List<JsonNode> list = new ArrayList<>();
        if (clauses.isArray()) {
            clauses.forEach(list::add);
        } else if (clauses.isObject()) {
            list.add(clauses);
        } else {
            throw IndexException.parsing("[bool] query malformed, [" + name + "] must be an object or an array");
        }
        for (JsonNode clause : list) {
            builder.add(parse(clause), occur);
        }
        return list.size();
    }

    private Query constantScore(JsonNode body) {
        checkKeys("constant_score", body, Set.of("filter", "boost", "_name"));
        if (!body.has("filter")) {
            throw IndexException.parsing("[constant_score] requires a 'filter' element");
        }
        return withBoost(new ConstantScoreQuery(parse(body.get("filter"))), body, "constant_score");
    }

    private Query term(JsonNode body) {
        Map.Entry<String, JsonNode> field = singleField("term", body);
        JsonNode value = field.getValue();
        JsonNode options = value;
        if (value.isObject()) {
            checkKeys("term", value, Set.of("value", "boost", "case_insensitive", "_name"));
            value = requireKey("term", value, "value");
        }
        FieldMapping mapping = context.field(field.getKey());
        if (mapping == null) {
            return new MatchNoDocsQuery("unmapped field [" + field.getKey() + "]");
        }
        return withBoost(FieldQueries.term(mapping, value, context), options, "term");
    }

    private Query terms(JsonNode body) {
        String fieldName = null;
        JsonNode values = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("boost") || entry.getKey().equals("_name")) {
                continue;
            }
            if (fieldName != null) {
                throw IndexException.parsing("[terms] query does not support multiple fields, found [" + fieldName
                        + "] and [" + entry.getKey() + "]");
            }
            fieldName = entry.getKey();
            values = entry.getValue();
        }
        if (fieldName == null || !values.isArray()) {
            throw IndexException.parsing("[terms] query requires a field with an array of values");
        }
        FieldMapping mapping = context.field(fieldName);
        if (mapping == null || values.isEmpty()) {
            return new MatchNoDocsQuery("no values or unmapped field [" + fieldName + "]");
        }
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        return withBoost(FieldQueries.terms(mapping, list, context), body, "terms");
    }

    private Query range(JsonNode body) {
        Map.Entry<String, JsonNode> field = singleField("range", body);
        JsonNode bounds = field.getValue();
        if (!bounds.isObject()) {
            throw IndexException.parsing(
                    "[range] query malformed, the value of [" + field.getKey() + "] must be an object");
        }
        checkKeys("range", bounds, RANGE_KEYS);
        FieldMapping mapping = context.field(field.getKey());
        if (mapping == null) {
            return new MatchNoDocsQuery("unmapped field [" + field.getKey() + "]");
        }
        JsonNode from = firstNonNull(bounds.get("gte"), bounds.get("gt"), bounds.get("from"));
        JsonNode to = firstNonNull(bounds.get("lte"), bounds.get("lt"), bounds.get("to"));
        boolean includeFrom = !bounds.has("gt") && bounds.path("include_lower").asBoolean(true);
        boolean includeTo = !bounds.has("lt") && bounds.path("include_upper").asBoolean(true);
        DateFormat format =
                bounds.has("format") ? dateFormat(bounds.get("format").asText()) : null;
        ZoneId zone = bounds.has("time_zone") ? zone(bounds.get("time_zone").asText()) : null;
        Query query = FieldQueries.range(mapping, from, to, includeFrom, includeTo, format, zone, context);
        return withBoost(query, bounds, "range");
    }

    private Query exists(JsonNode body) {
        checkKeys("exists", body, Set.of("field", "boost", "_name"));
        return withBoost(FieldQueries.exists(requireKey("exists", body, "field").asText(), context), body, "exists");
    }

    private Query prefixOrWildcard(String name, JsonNode body) {
        Map.Entry<String, JsonNode> field = singleField(name, body);
        JsonNode value = field.getValue();
        JsonNode options = value;
        if (value.isObject()) {
            checkKeys(name, value, Set.of("value", "wildcard", "boost", "rewrite", "case_insensitive", "_name"));
            value = value.has("wildcard") ? value.get("wildcard") : requireKey(name, value, "value");
        }
        FieldMapping mapping = context.field(field.getKey());
        if (mapping == null) {
            return new MatchNoDocsQuery("unmapped field [" + field.getKey() + "]");
        }
        Query query = name.equals("prefix")
                ? FieldQueries.prefix(mapping, value.asText(), context)
                : FieldQueries.wildcard(mapping, value.asText(), context);
        return withBoost(query, options, name);
    }

    private Query ids(JsonNode body) {
        checkKeys("ids", body, Set.of("values", "boost", "_name"));
        JsonNode values = requireKey("ids", body, "values");
        if (!values.isArray()) {
            throw IndexException.parsing("[ids] query malformed, [values] must be an array");
        }
        List<BytesRef> ids = new ArrayList<>();
        values.forEach(value -> ids.add(new BytesRef(value.asText())));
        return withBoost(new TermInSetQuery("_id", ids), body, "ids");
    }

    private Query boosted(Query query, JsonNode body, String name, Set<String> keys) {
        checkKeys(name, body, keys);
        return withBoost(query, body, name);
    }

    static Query withBoost(Query query, JsonNode options, String name) {
        if (!options.isObject() || !options.has("boost")) {
            return query;
        }
        JsonNode boost = options.get("boost");
        if (!boost.isNumber() && !boost.isTextual()) {
            throw IndexException.parsing("[" + name + "] query malformed, [boost] must be a number");
        }
        float value = (float) boost.asDouble(Double.NaN);
        if (!Float.isFinite(value) || value < 0) {
            throw IndexException.parsing("[" + name + "] query malformed, [boost] must be a non-negative number");
        }
        return value == 1f ? query : new BoostQuery(query, value);
    }

    static void checkKeys(String name, JsonNode body, Set<String> allowed) {
        body.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw IndexException.parsing("[" + name + "] query does not support [" + key + "]");
            }
        });
    }

    static JsonNode requireKey(String name, JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            throw IndexException.parsing("[" + name + "] query malformed, missing [" + key + "]");
        }
        return value;
    }

    static Map.Entry<String, JsonNode> singleField(String name, JsonNode body) {
        Map.Entry<String, JsonNode> found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (found != null) {
                throw IndexException.parsing("[" + name + "] query doesn't support multiple fields, found ["
                        + found.getKey() + "] and [" + entry.getKey() + "]");
            }
            found = entry;
        }
        if (found == null) {
            throw IndexException.parsing("[" + name + "] query malformed, no field specified");
        }
        return found;
    }

    private static @Nullable JsonNode firstNonNull(@Nullable JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node != null && !node.isNull()) {
                return node;
            }
        }
        return null;
    }

    private static DateFormat dateFormat(String spec) {
        try {
            return DateFormat.parse(spec);
        } catch (IllegalArgumentException e) {
            throw IndexException.parsing("[range] query malformed, invalid [format] [" + spec + "]: " + e.getMessage());
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw IndexException.parsing("[range] query malformed, unknown [time_zone] [" + id + "]");
        }
    }
}
