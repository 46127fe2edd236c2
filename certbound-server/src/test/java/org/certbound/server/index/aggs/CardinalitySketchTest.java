package org.certbound.server.index.aggs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.certbound.server.index.IndexException;
import org.junit.jupiter.api.Test;

class CardinalitySketchTest {

    @Test
    void estimate_100kValues_withinTwoPercent() {
        HyperLogLog sketch = new HyperLogLog();
        for (int i = 0; i < 100_000; i++) {
            sketch.add("value-" + i);
            sketch.add("value-" + i);
        }

        assertThat(sketch.estimate()).isBetween(98_000L, 102_000L);
    }

    @Test
    void estimate_smallSet_nearlyExact() {
        HyperLogLog sketch = new HyperLogLog();
        for (long i = 0; i < 500; i++) {
            sketch.add(i);
        }

        assertThat(sketch.estimate()).isBetween(495L, 505L);
    }

    @Test
    void merge_overlappingSketches_estimatesUnion() {
        HyperLogLog first = new HyperLogLog();
        HyperLogLog second = new HyperLogLog();
        for (int i = 0; i < 60_000; i++) {
            first.add("v" + i);
            second.add("v" + (i + 30_000));
        }

        first.merge(HyperLogLog.decode(second.encode()));

        // The union has 90,000 values; adding the two counts would give 120,000.
        assertThat(first.estimate()).isBetween(88_000L, 92_000L);
    }

    @Test
    void decode_wrongLengthOrRegister_rejected() {
        byte[] registers = new byte[1 << HyperLogLog.PRECISION];
        registers[7] = 99;

        assertThatThrownBy(() -> HyperLogLog.decode("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> HyperLogLog.decode(java.util.Base64.getEncoder().encodeToString(registers)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void merge_overThreshold_switchesToSketch() {
        CardinalityAggregator aggregator = aggregator("{'c':{'cardinality':{'field':'x','precision_threshold':100}}}");

        aggregator.merge(valuesPartial(0, 80));
        boolean exactAt80 = aggregator.isExact();
        aggregator.merge(valuesPartial(50, 5_000));

        assertThat(exactAt80).isTrue();
        assertThat(aggregator.isExact()).isFalse();
        assertThat(aggregator.renderPartial().has("hll")).isTrue();
        assertThat(aggregator.renderPartial().has("values")).isFalse();
        assertThat(aggregator.render(false).get("value").asLong()).isBetween(4_900L, 5_100L);
    }

    @Test
    void merge_valuesWithSketch_countsOverlapOnce() {
        CardinalityAggregator sketched = aggregator("{'c':{'cardinality':{'field':'x','precision_threshold':10}}}");
        sketched.merge(valuesPartial(0, 1_000));
        CardinalityAggregator merged = aggregator("{'c':{'cardinality':{'field':'x'}}}");

        merged.merge(valuesPartial(500, 1_500));
        merged.merge(sketched.renderPartial());

        assertThat(merged.render(false).get("value").asLong()).isBetween(1_470L, 1_530L);
    }

    @Test
    void merge_belowThreshold_exact() {
        JsonNode merged = Aggregations.merge(
                AggregationParser.parse(json("{'c':{'cardinality':{'field':'x'}}}")),
                List.of(json("{'c':{'values':[1,2,3]}}"), json("{'c':{'values':[3,4]}}")),
                false,
                65_536);

        assertThat(merged.at("/c/value").asLong()).isEqualTo(4);
    }

    @Test
    void merge_budgetSpent_switchesToSketch() {
        // Room for about 250 exact values, below the default threshold of 3000: the budget, not the threshold, moves
        // this aggregation to its sketch, whose room the dropped values give back.
        CardinalityAggregator aggregator = new CardinalityAggregator(
                AggregationParser.parse(json("{'c':{'cardinality':{'field':'x'}}}"))
                        .get(0),
                new BucketLimit(65_536, HyperLogLog.BYTES + 700));

        aggregator.merge(valuesPartial(0, 400));

        assertThat(aggregator.isExact()).isFalse();
        assertThat(aggregator.render(false).get("value").asLong()).isBetween(392L, 408L);
    }

    @Test
    void merge_noRoomForSketch_circuitBreaks() {
        CardinalityAggregator aggregator = new CardinalityAggregator(
                AggregationParser.parse(json("{'c':{'cardinality':{'field':'x'}}}"))
                        .get(0),
                new BucketLimit(65_536, 700));

        assertThatThrownBy(() -> aggregator.merge(valuesPartial(0, 200)))
                .isInstanceOf(IndexException.class)
                .satisfies(e -> assertThat(((IndexException) e).status()).isEqualTo(429))
                .hasMessageContaining("Data too large");
    }

    @Test
    void parse_negativeThreshold_rejected() {
        assertThatThrownBy(() -> aggregator("{'c':{'cardinality':{'field':'x','precision_threshold':-1}}}"))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("precision_threshold");
    }

    private static CardinalityAggregator aggregator(String aggs) {
        return new CardinalityAggregator(AggregationParser.parse(json(aggs)).get(0), new BucketLimit(65_536));
    }

    private static ObjectNode valuesPartial(int from, int to) {
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        ArrayNode values = partial.putArray("values");
        for (int i = from; i < to; i++) {
            values.add("v" + i);
        }
        return partial;
    }
}
