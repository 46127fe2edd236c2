package org.certbound.benchmarks.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Hand-written Lucene collectors that compute what the benchmarked aggregations compute. */
final class LuceneAggregations {
    private static final long DAY_MILLIS = 86_400_000L;

    private LuceneAggregations() {}

    /** Counts documents per keyword value and returns the {@code size} most frequent values with their counts. */
    static CollectorManager<Collector, List<Map.Entry<String, Long>>> keywordCounts(String field, int size) {
        Map<String, Long> counts = new HashMap<>();
        return manager(
                context -> {
                    SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
                    long[] perOrd = new long[(int) values.getValueCount()];
                    return new Leaf() {
                        @Override
                        public void collect(int doc) throws IOException {
                            if (values.advanceExact(doc)) {
                                for (int i = 0; i < values.docValueCount(); i++) {
                                    perOrd[(int) values.nextOrd()]++;
                                }
                            }
                        }

                        @Override
                        public void finish() throws IOException {
                            for (int ord = 0; ord < perOrd.length; ord++) {
                                if (perOrd[ord] > 0) {
                                    counts.merge(values.lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
                                }
                            }
                        }
                    };
                },
                () -> {
                    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
                    sorted.sort(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()));
                    return sorted.subList(0, Math.min(size, sorted.size()));
                });
    }

    /** Buckets documents by UTC day and returns each day's document count and average of {@code valueField}. */
    static CollectorManager<Collector, Map<Long, double[]>> dailyAverage(String dateField, String valueField) {
        TreeMap<Long, double[]> days = new TreeMap<>();
        return manager(
                context -> {
                    SortedNumericDocValues dates = DocValues.getSortedNumeric(context.reader(), dateField);
                    SortedNumericDocValues values = DocValues.getSortedNumeric(context.reader(), valueField);
                    return new Leaf() {
                        @Override
                        public void collect(int doc) throws IOException {
                            if (!dates.advanceExact(doc)) {
                                return;
                            }
                            long day = Math.floorDiv(dates.nextValue(), DAY_MILLIS) * DAY_MILLIS;
                            double[] bucket = days.computeIfAbsent(day, key -> new double[3]);
                            bucket[0]++;
                            if (values.advanceExact(doc)) {
                                bucket[1] += values.nextValue();
                                bucket[2]++;
                            }
                        }

                        @Override
                        public void finish() {}
                    };
                },
                () -> {
                    days.values().forEach(bucket -> bucket[1] = bucket[2] == 0 ? Double.NaN : bucket[1] / bucket[2]);
                    return days;
                });
    }

    private interface Leaf {
        void collect(int doc) throws IOException;

        void finish() throws IOException;
    }

    private interface LeafFactory {
        Leaf open(LeafReaderContext context) throws IOException;
    }

    private interface Result<T> {
        T get();
    }

    private static <T> CollectorManager<Collector, T> manager(LeafFactory factory, Result<T> result) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new SegmentCollector(factory);
            }

            @Override
            public T reduce(Collection<Collector> collectors) throws IOException {
                for (Collector collector : collectors) {
                    ((SegmentCollector) collector).finishLastSegment();
                }
                return result.get();
            }
        };
    }

    /** Opens a {@link Leaf} per segment and finishes each when the next segment starts or the search ends. */
    private static final class SegmentCollector implements Collector {
        private final LeafFactory factory;
        private Leaf current;

        SegmentCollector(LeafFactory factory) {
            this.factory = factory;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            finishLastSegment();
            Leaf leaf = factory.open(context);
            current = leaf;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    leaf.collect(doc);
                }
            };
        }

        void finishLastSegment() throws IOException {
            if (current != null) {
                current.finish();
                current = null;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
