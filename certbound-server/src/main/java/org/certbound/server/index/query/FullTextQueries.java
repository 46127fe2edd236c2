package org.certbound.server.index.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/** The full-text queries: {@code match}, {@code match_phrase}, {@code multi_match} and {@code query_string}. */
final class FullTextQueries {
    private static final Set<String> MATCH_KEYS = Set.of(
            "query",
            "operator",
            "fuzziness",
            "minimum_should_match",
            "boost",
            "lenient",
            "analyzer",
            "zero_terms_query",
            "prefix_length",
            "max_expansions",
            "_name");
    private static final Set<String> PHRASE_KEYS = Set.of("query", "slop", "boost", "analyzer", "_name");
    private static final Set<String> MULTI_MATCH_KEYS = Set.of(
            "query",
            "fields",
            "type",
            "operator",
            "fuzziness",
            "minimum_should_match",
            "tie_breaker",
            "boost",
            "lenient",
            "slop",
            "_name");

    private final QueryContext context;

    FullTextQueries(QueryContext context) {
        this.context = context;
    }

    /** A {@code match} clause's options. */
    private record MatchOptions(
            BooleanClause.Occur operator,
            @Nullable String fuzziness,
            @Nullable String minimumShouldMatch,
            boolean lenient) {}

    Query match(JsonNode body) {
        Map.Entry<String, JsonNode> field = QueryDslParser.singleField("match", body);
        JsonNode value = field.getValue();
        JsonNode options = value.isObject() ? value : TextNode.valueOf("");
        if (value.isObject()) {
            QueryDslParser.checkKeys("match", value, MATCH_KEYS);
            value = QueryDslParser.requireKey("match", value, "query");
        }
        Query query = matchField(field.getKey(), value, matchOptions("match", options));
        return QueryDslParser.withBoost(query, options, "match");
    }

    Query matchPhrase(JsonNode body) {
        Map.Entry<String, JsonNode> field = QueryDslParser.singleField("match_phrase", body);
        JsonNode value = field.getValue();
        int slop = 0;
        JsonNode options = value;
        if (value.isObject()) {
            QueryDslParser.checkKeys("match_phrase", value, PHRASE_KEYS);
            slop = value.path("slop").asInt(0);
            value = QueryDslParser.requireKey("match_phrase", value, "query");
        }
        return QueryDslParser.withBoost(phraseField(field.getKey(), value.asText(), slop), options, "match_phrase");
    }

    Query multiMatch(JsonNode body) {
        QueryDslParser.checkKeys("multi_match", body, MULTI_MATCH_KEYS);
        JsonNode text = QueryDslParser.requireKey("multi_match", body, "query");
        String type = body.path("type").asText("best_fields");
        if (!Set.of("best_fields", "most_fields", "phrase").contains(type)) {
            throw IndexException.parsing("[multi_match] query does not support type [" + type
                    + "]; supported types are [best_fields, most_fields, phrase]");
        }
        MatchOptions options = matchOptions("multi_match", body);
        List<Query> perField = new ArrayList<>();
        for (Map.Entry<String, Float> field : boostedFields(body.get("fields")).entrySet()) {
            Query query = type.equals("phrase")
                    ? phraseField(
                            field.getKey(), text.asText(), body.path("slop").asInt(0))
                    : matchField(field.getKey(), text, options);
            perField.add(field.getValue() == 1f ? query : new BoostQuery(query, field.getValue()));
        }
        if (perField.isEmpty()) {
            return new MatchNoDocsQuery("[multi_match] matched no fields");
        }
        Query combined;
        if (type.equals("most_fields")) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            perField.forEach(query -> any.add(query, BooleanClause.Occur.SHOULD));
            combined = any.build();
        } else {
            combined = new DisjunctionMaxQuery(
                    perField, (float) body.path("tie_breaker").asDouble(0));
        }
        return QueryDslParser.withBoost(combined, body, "multi_match");
    }

    Query queryString(JsonNode body) {
        return new QueryStringQueries(context).parse(body);
    }

    // Field patterns with ^boost suffixes, expanded against the mapping; no fields means every text and keyword field.
    private Map<String, Float> boostedFields(@Nullable JsonNode fields) {
        Map<String, Float> out = new java.util.LinkedHashMap<>();
        List<String> patterns = new ArrayList<>();
        if (fields == null || fields.isEmpty()) {
            patterns.add("*");
        } else {
            fields.forEach(field -> patterns.add(field.asText()));
        }
        for (String pattern : patterns) {
            int caret = pattern.indexOf('^');
            float boost = caret < 0 ? 1f : Float.parseFloat(pattern.substring(caret + 1));
            String name = caret < 0 ? pattern : pattern.substring(0, caret);
            for (String path : context.expandFields(name)) {
                out.put(path, boost);
            }
        }
        return out;
    }

    private MatchOptions matchOptions(String name, JsonNode options) {
        String operator = options.path("operator").asText("or").toLowerCase(java.util.Locale.ROOT);
        if (!operator.equals("or") && !operator.equals("and")) {
            throw IndexException.parsing(
                    "[" + name + "] query malformed, [operator] must be [or] or [and], found [" + operator + "]");
        }
        return new MatchOptions(
                operator.equals("and") ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD,
                options.has("fuzziness") ? options.get("fuzziness").asText() : null,
                options.has("minimum_should_match")
                        ? options.get("minimum_should_match").asText()
                        : null,
                options.path("lenient").asBoolean(false));
    }

    /** Builds the match query of one field: analyzed terms for text, the whole value for other types. */
    Query matchField(String path, JsonNode value, MatchOptions options) {
        FieldMapping field = context.field(path);
        if (field == null) {
            return new MatchNoDocsQuery("unmapped field [" + path + "]");
        }
        if (field.type() != FieldType.TEXT) {
            try {
                return FieldQueries.term(field, value, context);
            } catch (IndexException e) {
                if (options.lenient()) {
                    return new MatchNoDocsQuery("lenient: [" + path + "] cannot hold the value");
                }
                throw e;
            }
        }
        List<String> tokens = analyze(path, value.asText());
        if (tokens.isEmpty()) {
            return new MatchNoDocsQuery("the query analyzed to no terms");
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String token : tokens) {
            builder.add(termQuery(path, token, options.fuzziness()), options.operator());
        }
        if (options.minimumShouldMatch() != null && options.operator() == BooleanClause.Occur.SHOULD) {
            builder.setMinimumNumberShouldMatch(
                    MinimumShouldMatch.resolve("match", options.minimumShouldMatch(), tokens.size()));
        }
        return tokens.size() == 1 && options.minimumShouldMatch() == null
                ? termQuery(path, tokens.get(0), options.fuzziness())
                : builder.build();
    }

    private Query phraseField(String path, String text, int slop) {
        FieldMapping field = context.field(path);
        if (field == null) {
            return new MatchNoDocsQuery("unmapped field [" + path + "]");
        }
        if (field.type() != FieldType.TEXT) {
            return FieldQueries.term(field, TextNode.valueOf(text), context);
        }
        Query query = new QueryBuilder(context.analyzer()).createPhraseQuery(path, text, slop);
        return query == null ? new MatchNoDocsQuery("the phrase analyzed to no terms") : query;
    }

    private Query termQuery(String path, String token, @Nullable String fuzziness) {
        int edits = fuzziness == null ? 0 : maxEdits(fuzziness, token);
        return edits == 0 ? new TermQuery(new Term(path, token)) : new FuzzyQuery(new Term(path, token), edits);
    }

    // AUTO allows no edit for terms of 1-2 characters, one for 3-5 and two for longer ones, as Elasticsearch does.
    private static int maxEdits(String fuzziness, String token) {
        if (fuzziness.toUpperCase(java.util.Locale.ROOT).startsWith("AUTO")) {
            int length = token.codePointCount(0, token.length());
            if (length <= 2) {
                return 0;
            }
            return length <= 5 ? 1 : 2;
        }
        try {
            int edits = Integer.parseInt(fuzziness);
            if (edits < 0 || edits > 2) {
                throw IndexException.parsing("[match] query malformed, [fuzziness] must be 0, 1, 2 or AUTO");
            }
            return edits;
        } catch (NumberFormatException e) {
            throw IndexException.parsing(
                    "[match] query malformed, [fuzziness] must be 0, 1, 2 or AUTO, found [" + fuzziness + "]");
        }
    }

    private List<String> analyze(String path, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = context.analyzer().tokenStream(path, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to analyze the query text of [" + path + "]", e);
        }
        return tokens;
    }
}
