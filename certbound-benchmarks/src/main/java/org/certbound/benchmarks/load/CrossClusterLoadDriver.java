package org.certbound.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.KeyMaterialLoader;
import org.certbound.identity.RequestSigner;
import org.certbound.server.audit.AuditTrail;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.remote.ConnectionMode;
import org.certbound.server.remote.HandshakeInfo;
import org.certbound.server.remote.RemoteClusterConfig;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.remote.RemoteCredentials;
import org.certbound.server.remote.search.CrossClusterActionDispatcher;
import org.certbound.server.remote.search.CrossClusterSearchService;
import org.certbound.server.remote.search.IndicesSearchEngine;
import org.certbound.server.remote.transport.ClientAuthentication;
import org.certbound.server.remote.transport.RemoteClusterClient;
import org.certbound.server.remote.transport.RemoteClusterServer;
import org.certbound.server.remote.transport.TlsClientConfig;
import org.certbound.server.remote.transport.TlsContexts;
import org.certbound.server.remote.transport.TlsServerConfig;
import org.certbound.server.remote.transport.VerificationMode;
import org.certbound.server.remote.verify.AuthenticatedCrossClusterKey;
import org.certbound.server.remote.verify.CrossClusterAccessException;
import org.certbound.server.remote.verify.CrossClusterAuthenticationService;
import org.certbound.server.remote.verify.TrustConfigManager;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RemoteIndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;

/**
 * Drives searches through a querying and a fulfilling cluster that share this JVM and talk TLS over
 * loopback, and prints throughput and p50/p99 latency for local search, cross-cluster unsigned and
 * cross-cluster signed with verification.
 *
 * <p>Usage: {@code java -cp certbound-benchmarks.jar org.certbound.benchmarks.load.CrossClusterLoadDriver
 * [threads] [seconds per scenario] [documents] [ec|ed25519]}, default {@code 4 10 2000 ec}; the last argument is the
 * key type of the signing certificate. Each scenario runs a warm-up
 * of a third of its time first. The API key check is an in-memory map lookup, the same for both
 * cross-cluster scenarios, so the difference between them is signing plus verification.
 */
public final class CrossClusterLoadDriver {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SIGNED_KEY = encoded("signed-key", "SignedSecret0123456789");
    private static final String PLAIN_KEY = encoded("plain-key", "PlainSecret01234567890");

    private CrossClusterLoadDriver() {}

    /** Runs the three scenarios and prints one line each. */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String keyType = args.length > 3 ? args[3] : "ec";
        if (!keyType.equals("ec") && !keyType.equals("ed25519")) {
            throw new IllegalArgumentException("signing key type must be [ec] or [ed25519], got [" + keyType + "]");
        }
        Path dir = Files.createTempDirectory("certbound-load");
        LoadCertificates certificates = new LoadCertificates(dir);
        LoadCertificates.Pair serverPair = certificates.issue("remote-node");
        LoadCertificates.Pair signerPair = certificates.issue("querying-node", keyType.equals("ed25519"));
        System.out.println("signing key: " + keyType + ", JDK " + Runtime.version());

        try (IndicesService remoteIndices = IndicesService.open(dir.resolve("remote"));
                IndicesService localIndices = IndicesService.open(dir.resolve("local"));
                TrustConfigManager trust = new TrustConfigManager(dir, Clock.systemUTC());
                RemoteClusterClient client = new RemoteClusterClient(2)) {
            fill(remoteIndices, documents);
            fill(localIndices, documents);
            trust.start(
                    Settings.builder()
                            .put(
                                    "cluster.remote.signing.certificate_authorities",
                                    certificates.caFile().toString())
                            .build(),
                    SecureSettings.EMPTY,
                    true);
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, threads));
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            RemoteClusterServer server = startServer(remoteIndices, trust, serverPair, workers);
            SslContext clientTls = TlsContexts.client(new TlsClientConfig(
                    List.of(certificates.caFile()), VerificationMode.FULL, Optional.empty(), Optional.empty()));
            RequestSigner signer = RequestSigner.create(
                    KeyMaterialLoader.fromPem(
                            signerPair.certificate(), signerPair.key(), null, "cluster.remote.rc1.signing"),
                    Clock.systemUTC());
            InetSocketAddress address = server.boundAddress();
            try (RemoteClusterService unsigned =
                            remotes(client, clientTls, scheduler, address, PLAIN_KEY, null, threads);
                    RemoteClusterService signed =
                            remotes(client, clientTls, scheduler, address, SIGNED_KEY, signer, threads)) {
                IndicesSearchEngine localEngine = new IndicesSearchEngine(localIndices);
                CrossClusterSearchService unsignedSearch =
                        new CrossClusterSearchService(unsigned, () -> Optional.of(localEngine), () -> 65_536);
                CrossClusterSearchService signedSearch =
                        new CrossClusterSearchService(signed, () -> Optional.of(localEngine), () -> 65_536);
                Authentication user = user();
                JsonNode body = MAPPER.readTree("{\"size\":10,\"query\":{\"term\":{\"tenant\":\"t1\"}}}");
                System.out.printf(
                        "threads=%d seconds=%d documents=%d java=%s%n",
                        threads, seconds, documents, System.getProperty("java.version"));
                System.out.printf("%-28s %12s %10s %10s%n", "scenario", "searches/s", "p50 ms", "p99 ms");
                run("local search", threads, seconds, () -> unsignedSearch.search(user, "logs-bench", body, "load"));
                run(
                        "cross-cluster unsigned",
                        threads,
                        seconds,
                        () -> unsignedSearch.search(user, "rc1:logs-bench", body, "load"));
                run(
                        "cross-cluster signed",
                        threads,
                        seconds,
                        () -> signedSearch.search(user, "rc1:logs-bench", body, "load"));
            } finally {
                server.close();
                workers.shutdownNow();
                scheduler.shutdownNow();
            }
        }
    }

    private static void run(String name, int threads, int seconds, Search search) throws Exception {
        measure(threads, Math.max(1, seconds / 3), search);
        Result result = measure(threads, seconds, search);
        System.out.printf("%-28s %12.0f %10.2f %10.2f%n", name, result.throughput(), result.p50(), result.p99());
    }

    @FunctionalInterface
    private interface Search {
        JsonNode run() throws Exception;
    }

    private record Result(double throughput, double p50, double p99) {}

    private static Result measure(int threads, int seconds, Search search) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong failures = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    JsonNode response = search.run();
                    long elapsed = System.nanoTime() - start;
                    if (response.at("/_clusters/skipped").asInt(0) > 0) {
                        failures.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = elapsed;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " searches skipped the remote cluster");
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged.length / (double) seconds, percentile(merged, 0.50), percentile(merged, 0.99));
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static RemoteClusterServer startServer(
            IndicesService indices, TrustConfigManager trust, LoadCertificates.Pair pair, ExecutorService workers)
            throws Exception {
        Map<String, AuthenticatedCrossClusterKey> keys = Map.of(
                SIGNED_KEY, key("signed-key", CertificateIdentityPattern.compile("CN=querying-node,O=Example")),
                PLAIN_KEY, key("plain-key", null));
        CrossClusterAuthenticationService authenticator = new CrossClusterAuthenticationService(
                encoded -> {
                    AuthenticatedCrossClusterKey key = keys.get(new String(encoded));
                    if (key == null) {
                        throw CrossClusterAccessException.unauthenticated(
                                "invalid_credentials", "invalid API key", null);
                    }
                    return key;
                },
                trust,
                AuditTrail.noop());
        IndicesSearchEngine engine = new IndicesSearchEngine(indices);
        CrossClusterActionDispatcher dispatcher = new CrossClusterActionDispatcher(
                authenticator,
                () -> Optional.of(engine),
                () -> new HandshakeInfo("fulfilling", "uuid", "remote-1", "9.3.0", List.of()));
        SslContext tls = TlsContexts.server(
                new TlsServerConfig(pair.certificate(), pair.key(), List.of(), ClientAuthentication.NONE));
        RemoteClusterServer server =
                new RemoteClusterServer("127.0.0.1", 0, () -> tls, () -> "fulfilling", 1 << 20, dispatcher, workers);
        server.start();
        return server;
    }

    private static RemoteClusterService remotes(
            RemoteClusterClient client,
            SslContext tls,
            ScheduledExecutorService scheduler,
            InetSocketAddress address,
            String credentials,
            RequestSigner signer,
            int threads) {
        RemoteClusterService service = new RemoteClusterService(
                client,
                () -> tls,
                alias -> Optional.ofNullable(signer),
                scheduler,
                Clock.systemUTC(),
                new RemoteClusterService.Limits(threads, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        RemoteClusterConfig config = new RemoteClusterConfig(
                "rc1",
                ConnectionMode.PROXY,
                List.of(),
                1,
                Optional.of("127.0.0.1:" + address.getPort()),
                Optional.empty(),
                threads,
                false,
                Duration.ZERO);
        service.update(Map.of("rc1", config), Map.of("rc1", RemoteCredentials.parse("rc1", credentials)));
        return service;
    }

    private static AuthenticatedCrossClusterKey key(String id, CertificateIdentityPattern pattern) {
        IndicesPrivileges access = new IndicesPrivileges(
                List.of("logs-*"), List.of("read", "read_cross_cluster", "view_index_metadata"), null, null, false);
        RoleDescriptor role = new RoleDescriptor("cross_cluster", List.of(), List.of(access), List.of(), Map.of());
        return new AuthenticatedCrossClusterKey(id, id, List.of(role), pattern);
    }

    private static Authentication user() {
        IndicesPrivileges read = IndicesPrivileges.of(List.of("logs-*"), List.of("read"));
        RoleDescriptor role = new RoleDescriptor(
                "searcher",
                List.of(),
                List.of(read),
                List.of(new RemoteIndicesPrivileges(List.of("*"), read)),
                Map.of());
        return Authentication.realm("load", "file", "file").roles(List.of(role)).build();
    }

    private static void fill(IndicesService indices, int documents) {
        indices.createIndex("logs-bench", null);
        for (int i = 0; i < documents; i++) {
            JsonNode source = MAPPER.createObjectNode()
                    .put("tenant", "t" + (i % 4))
                    .put("message", "request " + i + " served")
                    .put("status", 200 + (i % 5))
                    .put("timestamp", 1_700_000_000_000L + i * 1000L);
            indices.index(
                    "logs-bench",
                    Integer.toString(i),
                    source,
                    OpType.INDEX,
                    i == documents - 1 ? Refresh.TRUE : Refresh.FALSE);
        }
    }

    private static String encoded(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
