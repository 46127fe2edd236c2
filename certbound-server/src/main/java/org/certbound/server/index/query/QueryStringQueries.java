package org.certbound.server.index.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The {@code query_string} query and the {@code q=} parameter, on Lucene's classic query syntax: {@code field:value},
 * quoted phrases, {@code AND OR NOT + -}, {@code [a TO b]} and {@code {a TO b}} ranges, {@code *} and {@code ?}
 * wildcards and {@code ^} boosts. Each field part is built for the field's type, so {@code status:404} on a
 * {@code long} field is a point query.
 *
 * <p>NOTE: the {@code field:>=value} range shorthand of Elasticsearch is not supported; use {@code field:[value TO *]}.
 */
public final class QueryStringQueries {
    private static final Set<String> KEYS = Set.of(
            "query",
            "default_field",
            "fields",
            "default_operator",
            "analyze_wildcard",
            "lenient",
            "boost",
            "allow_leading_wildcard",
            "_name");

    private final QueryContext context;

    /** Creates a builder of query-string queries for one index. */
    public QueryStringQueries(QueryContext context) {
        this.context = context;
    }

    /** Parses the body of a {@code query_string} clause. */
    public Query parse(JsonNode body) {
        QueryDslParser.checkKeys("query_string", body, KEYS);
        String text = QueryDslParser.requireKey("query_string", body, "query").asText();
        List<String> fields = new ArrayList<>();
        if (body.has("fields")) {
            body.get("fields").forEach(field -> fields.add(field.asText()));
        } else {
            fields.add(body.path("default_field").asText("*"));
        }
        String operator = body.path("default_operator").asText("or");
        Query query = parse(text, fields, operator, body.path("lenient").asBoolean(false));
        return QueryDslParser.withBoost(query, body, "query_string");
    }

    /**
     * Parses query text, as {@code q=} does.
     *
     * @param defaultFields the field patterns of terms without a field
     * @param defaultOperator {@code or} or {@code and}, case-insensitive
     * @throws IndexException {@code query_shard_exception} when the text does not parse
     */
    public Query parse(String text, List<String> defaultFields, String defaultOperator, boolean lenient) {
        List<String> expanded = new ArrayList<>();
        for (String pattern : defaultFields) {
            expanded.addAll(context.expandFields(pattern));
        }
        boolean wildcardDefault = defaultFields.stream().anyMatch(field -> field.contains("*"));
        FieldAwareParser parser = new FieldAwareParser(expanded, lenient || wildcardDefault);
        if (defaultOperator.equalsIgnoreCase("and")) {
            parser.setDefaultOperator(QueryParser.Operator.AND);
        } else if (!defaultOperator.equalsIgnoreCase("or")) {
            throw IndexException.parsing("[query_string] query malformed, [default_operator] must be [or] or [and],"
                    + " found [" + defaultOperator + "]");
        }
        parser.setAllowLeadingWildcard(true);
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new IndexException(
                    400,
                    "query_shard_exception",
                    "Failed to parse query [" + text + "]",
                    Map.of("index", context.index()),
                    new IndexException(400, "parse_exception", String.valueOf(e.getMessage())));
        }
    }

    /** Lucene's classic parser, with each field part built for the field's mapped type. */
    private final class FieldAwareParser extends QueryParser {
        private static final String DEFAULT_FIELD = "*";

        private final List<String> defaultFields;
        private final boolean lenient;

        FieldAwareParser(List<String> defaultFields, boolean lenient) {
            super(DEFAULT_FIELD, context.analyzer());
            this.defaultFields = defaultFields;
            this.lenient = lenient;
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (field.equals(DEFAULT_FIELD)) {
                return anyField(path -> fieldQuery(path, queryText, quoted));
            }
            return fieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            if (field.equals(DEFAULT_FIELD)) {
                return anyField(path -> super.getFieldQuery(path, queryText, slop));
            }
            return super.getFieldQuery(field, queryText, slop);
        }

        @Override
        protected Query getRangeQuery(
                String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
                throws ParseException {
            return perField(field, path -> {
                FieldMapping mapping = context.field(path);
                if (mapping == null) {
                    return new MatchNoDocsQuery("unmapped field [" + path + "]");
                }
                return FieldQueries.range(
                        mapping, bound(part1), bound(part2), startInclusive, endInclusive, null, null, context);
            });
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return perField(field, path -> stringOnly(path, () -> super.getPrefixQuery(path, termStr)));
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (termStr.equals("*") && !field.equals(DEFAULT_FIELD)) {
                return FieldQueries.exists(field, context);
            }
            return perField(field, path -> stringOnly(path, () -> super.getWildcardQuery(path, termStr)));
        }

        private Query fieldQuery(String path, String queryText, boolean quoted) throws ParseException {
            FieldMapping mapping = context.field(path);
            if (mapping == null) {
                return new MatchNoDocsQuery("unmapped field [" + path + "]");
            }
            if (mapping.type() == FieldType.TEXT) {
                return super.getFieldQuery(path, queryText, quoted);
            }
            try {
                return FieldQueries.term(mapping, TextNode.valueOf(queryText), context);
            } catch (IndexException e) {
                if (lenient) {
                    return new MatchNoDocsQuery("lenient: [" + path + "] cannot hold [" + queryText + "]");
                }
                throw e;
            }
        }

        private Query stringOnly(String path, PartBuilder builder) throws ParseException {
            FieldMapping mapping = context.field(path);
            if (mapping == null || mapping.type() != FieldType.TEXT && mapping.type() != FieldType.KEYWORD) {
                return new MatchNoDocsQuery("[" + path + "] is not a text or keyword field");
            }
            return builder.build();
        }

        private Query perField(String field, FieldBuilder builder) throws ParseException {
            return field.equals(DEFAULT_FIELD) ? anyField(builder) : builder.build(field);
        }

        private Query anyField(FieldBuilder builder) throws ParseException {
            List<Query> queries = new ArrayList<>();
            for (String path : defaultFields) {
                Query query = builder.build(path);
                if (query != null && !(query instanceof MatchNoDocsQuery)) {
                    queries.add(query);
                }
            }
            if (queries.isEmpty()) {
                return new MatchNoDocsQuery("no default field matched");
            }
            return queries.size() == 1 ? queries.get(0) : new DisjunctionMaxQuery(queries, 0f);
        }

        private @Nullable JsonNode bound(@Nullable String part) {
            return part == null || part.equals("*") ? null : TextNode.valueOf(part);
        }
    }

    @FunctionalInterface
    private interface FieldBuilder {
        @Nullable
        Query build(String path) throws ParseException;
    }

    @FunctionalInterface
    private interface PartBuilder {
        Query build() throws ParseException;
    }
}
