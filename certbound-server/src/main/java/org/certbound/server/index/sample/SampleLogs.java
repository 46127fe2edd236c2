package org.certbound.server.index.sample;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.certbound.server.index.mapping.DateFormat;

/**
 * A seeded generator of web access log documents: {@code @timestamp}, {@code client.ip}, {@code method},
 * {@code path}, {@code status}, {@code bytes}, {@code user_agent}, {@code tenant} and a {@code message} line.
 *
 * <p>Document {@code i} depends only on the seed and {@code i}, so every run and every batch size produce the same
 * data. Timestamps spread evenly over 30 days from 2026-01-01T00:00:00Z with a few seconds of jitter, so they do not
 * depend on the clock either. Ids are {@code log-<i>} with {@code i} zero-padded to eight digits.
 */
public final class SampleLogs {
    /** The number of documents of the default data set. */
    public static final int DEFAULT_COUNT = 100_000;

    /** The seed of the default data set. */
    public static final long DEFAULT_SEED = 42;

    /** The first timestamp, 2026-01-01T00:00:00Z. */
    public static final long START_MILLIS =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static final long SPAN_MILLIS = 30L * 24 * 3600 * 1000;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final int[] METHOD_WEIGHTS = {70, 20, 5, 5};
    private static final int[] STATUSES = {200, 304, 302, 404, 401, 500, 503};
    private static final int[] STATUS_WEIGHTS = {78, 6, 3, 8, 2, 2, 1};
    private static final String[] SECTIONS = {"", "api", "products", "cart", "checkout", "account", "search", "static"};
    private static final String[] ITEMS = {"", "list", "view", "edit", "42", "1337", "login", "logout", "img.png"};
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
        "curl/8.5.0",
        "Go-http-client/2.0",
        "elastic-java/9.5.6 (Java/17.0.15)",
        "Googlebot/2.1 (+http://www.google.com/bot.html)"
    };

    private final long seed;
    private final int count;

    /**
     * Creates a generator.
     *
     * @param seed the seed; equal seeds give equal documents
     * @param count the number of documents, at least 1
     */
    public SampleLogs(long seed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("[count] must be >= 1, found [" + count + "]");
        }
        this.seed = seed;
        this.count = count;
    }

    /** Returns the default data set: 100,000 documents from seed 42. */
    public static SampleLogs defaults() {
        return new SampleLogs(DEFAULT_SEED, DEFAULT_COUNT);
    }

    /** Returns the number of documents. */
    public int count() {
        return count;
    }

    /** Returns the body of {@code PUT /<index>} that maps the fields of these documents. */
    public static ObjectNode createIndexBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        ObjectNode properties = body.putObject("mappings").putObject("properties");
        properties.putObject("@timestamp").put("type", "date");
        properties.putObject("client").putObject("properties").putObject("ip").put("type", "keyword");
        properties.putObject("method").put("type", "keyword");
        properties.putObject("path").put("type", "keyword");
        properties.putObject("status").put("type", "integer");
        properties.putObject("bytes").put("type", "long");
        ObjectNode userAgent = properties.putObject("user_agent").put("type", "text");
        userAgent
                .putObject("fields")
                .putObject("keyword")
                .put("type", "keyword")
                .put("ignore_above", 256);
        properties.putObject("tenant").put("type", "keyword");
        properties.putObject("message").put("type", "text");
        return body;
    }

    /** Returns the id of document {@code i}. */
    public static String id(int i) {
        return String.format(Locale.ROOT, "log-%08d", i);
    }

    /** Returns document {@code i}, for {@code 0 <= i < count}. */
    public ObjectNode document(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("document [" + i + "] is outside [0, " + count + ")");
        }
        SplittableRandom random = new SplittableRandom(mix(seed, i));
        long timestamp = START_MILLIS + SPAN_MILLIS / count * i + random.nextInt(5000);
        String method = METHODS[weighted(random, METHOD_WEIGHTS)];
        int status = STATUSES[weighted(random, STATUS_WEIGHTS)];
        String path = path(random);
        long bytes = status == 304 ? 0 : 200 + (long) (Math.exp(random.nextDouble() * 10));
        String clientIp = "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String tenant = "tenant-" + (1 + Math.min(random.nextInt(10), random.nextInt(10)));
        String userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("@timestamp", DateFormat.DEFAULT.format(timestamp));
        document.putObject("client").put("ip", clientIp);
        document.put("method", method);
        document.put("path", path);
        document.put("status", status);
        document.put("bytes", bytes);
        document.put("user_agent", userAgent);
        document.put("tenant", tenant);
        document.put("message", method + " " + path + " HTTP/1.1 " + status + " " + bytes + " " + userAgent);
        return document;
    }

    /**
     * Returns the documents as {@code _bulk} bodies of {@code batchSize} documents each: an {@code index} action
     * line with the id, then the source line. The action lines name no index, so post them to
     * {@code /<index>/_bulk}.
     */
    public Iterator<String> bulkBodies(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("[batchSize] must be >= 1, found [" + batchSize + "]");
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StringBuilder body = new StringBuilder(batchSize * 400);
                int end = Math.min(count, next + batchSize);
                for (int i = next; i < end; i++) {
                    appendBulkItem(body, i);
                }
                next = end;
                return body.toString();
            }
        };
    }

    /** Returns every bulk body of {@code batchSize} documents, for callers that want a list. */
    public List<String> bulkBodyList(int batchSize) {
        List<String> out = new ArrayList<>();
        bulkBodies(batchSize).forEachRemaining(out::add);
        return out;
    }

    private void appendBulkItem(StringBuilder body, int i) {
        body.append("{\"index\":{\"_id\":\"").append(id(i)).append("\"}}\n");
        body.append(document(i)).append('\n');
    }

    /**
     * Writes the default or given data set as one NDJSON {@code _bulk} stream to standard output, for loading with
     * {@code curl -H 'Content-Type: application/x-ndjson' --data-binary @logs.ndjson localhost:9200/logs/_bulk}.
     *
     * @param args optional count and seed
     */
    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_COUNT;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        SampleLogs logs = new SampleLogs(seed, count);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
            Iterator<String> bodies = logs.bulkBodies(1000);
            while (bodies.hasNext()) {
                out.write(bodies.next());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write the sample logs", e);
        }
    }

    private static String path(SplittableRandom random) {
        // Lower indices are likelier, so a few paths dominate as on a real site.
        String section = SECTIONS[Math.min(random.nextInt(SECTIONS.length), random.nextInt(SECTIONS.length))];
        String item = ITEMS[Math.min(random.nextInt(ITEMS.length), random.nextInt(ITEMS.length))];
        if (section.isEmpty()) {
            return "/" + item;
        }
        return item.isEmpty() ? "/" + section : "/" + section + "/" + item;
    }

    private static int weighted(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    // SplitMix64's finalizer, so neighbouring indices get unrelated random streams.
    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
