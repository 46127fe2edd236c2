package org.certbound.cli.demo;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded generator of web access log documents as {@code _bulk} NDJSON, for the fulfilling cluster's sample data.
 *
 * <p>NOTE: the index module's sample-data generator should replace this class once it is in the build. The
 * fields are the same ({@code @timestamp}, {@code client_ip}, {@code method}, {@code path}, {@code status}, {@code bytes},
 * {@code user_agent}, {@code tenant}).
 */
final class DemoLogs {

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {"/", "/login", "/search", "/cart", "/api/orders", "/static/app.js"};
    private static final int[] STATUSES = {200, 200, 200, 200, 201, 304, 404, 500};
    private static final String[] AGENTS = {"Mozilla/5.0", "curl/8.5.0", "okhttp/4.12.0"};
    private static final String[] TENANTS = {"acme", "globex", "initech"};
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final Random random;
    private final String index;

    DemoLogs(String index, long seed) {
        this.index = index;
        this.random = new Random(seed);
    }

    /** Returns the NDJSON of {@code count} documents, each an index action line and a source line. */
    String batch(int count) {
        StringBuilder ndjson = new StringBuilder(count * 220);
        for (int i = 0; i < count; i++) {
            ndjson.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
            ndjson.append(String.format(
                    Locale.ROOT,
                    "{\"@timestamp\":\"%s\",\"client_ip\":\"10.%d.%d.%d\",\"method\":\"%s\",\"path\":\"%s\","
                            + "\"status\":%d,\"bytes\":%d,\"user_agent\":\"%s\",\"tenant\":\"%s\"}\n",
                    Instant.ofEpochMilli(START + random.nextInt(30 * 24 * 3600) * 1000L),
                    random.nextInt(256),
                    random.nextInt(256),
                    random.nextInt(256),
                    pick(METHODS),
                    pick(PATHS),
                    STATUSES[random.nextInt(STATUSES.length)],
                    200 + random.nextInt(50_000),
                    pick(AGENTS),
                    pick(TENANTS)));
        }
        return ndjson.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
