package org.certbound.benchmarks.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Builds Lucene documents from sample log JSON with Lucene's field classes directly. Each field is indexed as the
 * engine's mapping indexes it: keywords as terms and sorted-set doc values, numbers and dates as points and
 * sorted-numeric doc values, and text through the standard analyzer. The id and source are stored.
 */
final class LuceneLogDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LuceneLogDocuments() {}

    static Document fromJson(String id, String sourceLine) throws IOException {
        JsonNode source = JSON.readTree(sourceLine);
        Document document = new Document();
        document.add(new StringField("_id", id, Field.Store.YES));
        document.add(new StoredField("_source", JSON.writeValueAsBytes(source)));
        addLong(
                document,
                "@timestamp",
                Instant.parse(source.get("@timestamp").asText()).toEpochMilli());
        addKeyword(document, "client.ip", source.at("/client/ip").asText());
        addKeyword(document, "method", source.get("method").asText());
        addKeyword(document, "path", source.get("path").asText());
        addLong(document, "status", source.get("status").asLong());
        addLong(document, "bytes", source.get("bytes").asLong());
        document.add(new TextField("user_agent", source.get("user_agent").asText(), Field.Store.NO));
        addKeyword(document, "user_agent.keyword", source.get("user_agent").asText());
        addKeyword(document, "tenant", source.get("tenant").asText());
        document.add(new TextField("message", source.get("message").asText(), Field.Store.NO));
        return document;
    }

    private static void addKeyword(Document document, String field, String value) {
        document.add(new StringField(field, value, Field.Store.NO));
        document.add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static void addLong(Document document, String field, long value) {
        document.add(new LongPoint(field, value));
        document.add(new SortedNumericDocValuesField(field, value));
    }
}
