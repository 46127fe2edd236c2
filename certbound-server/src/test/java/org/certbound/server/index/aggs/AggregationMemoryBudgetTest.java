package org.certbound.server.index.aggs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.certbound.server.index.IndexException;
import org.junit.jupiter.api.Test;

class AggregationMemoryBudgetTest {

    @Test
    void terms_pastMemoryBudget_circuitBreaks() {
        // 20 buckets fit the bucket limit easily; 20 keys of 100 characters do not fit 2,000 bytes.
        TermsAggregator terms =
                new TermsAggregator(spec("{'t':{'terms':{'field':'x'}}}"), new BucketLimit(65_536, 2_000));

        assertThatThrownBy(() -> terms.merge(termsPartial(20, 100)))
                .isInstanceOf(IndexException.class)
                .satisfies(e -> assertThat(((IndexException) e).status()).isEqualTo(429))
                .satisfies(e -> assertThat(((IndexException) e).type()).isEqualTo("circuit_breaking_exception"))
                .hasMessageContaining("[request] Data too large");
    }

    @Test
    void terms_withinMemoryBudget_merge() {
        TermsAggregator terms =
                new TermsAggregator(spec("{'t':{'terms':{'field':'x'}}}"), new BucketLimit(65_536, 100_000));

        terms.merge(termsPartial(20, 100));

        assertThat(terms.render(false).get("buckets")).hasSize(10);
    }

    private static AggregationSpec spec(String aggs) {
        return AggregationParser.parse(json(aggs)).get(0);
    }

    private static ObjectNode termsPartial(int buckets, int keyLength) {
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("doc_count_error_upper_bound", 0);
        partial.put("sum_other_doc_count", 0);
        partial.put("field_type", "keyword");
        ArrayNode array = partial.putArray("buckets");
        for (int i = 0; i < buckets; i++) {
            array.addObject()
                    .put("key", String.format("%0" + keyLength + "d", i))
                    .put("doc_count", 1);
        }
        return partial;
    }
}
