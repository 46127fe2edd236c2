package org.certbound.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.certbound.cli.CliException;
import org.certbound.server.index.sample.SampleLogs;

/**
 * The demo's steps: the procedure of setting up strong identity verification on a querying and a fulfilling
 * cluster, a cross-cluster search that succeeds, then the attacks in {@link DemoAttacks}.
 */
final class DemoScenario {

    static final String ALIAS = "rc1";
    static final String INDEX = "logs-demo";
    static final String QUERYING_NODE_DN = DemoPki.cloudDn("instance-0000000001", DemoPki.QUERYING_CLUSTER_ID);
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final int BULK_BATCH = 2_000;

    private final DemoOutput output;
    private final Path requestedDir;
    private final int documents;
    private final boolean keep;
    private final List<DemoCluster> clusters = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final char[] password = randomPassword();

    private Path workDir;
    private Path passwordFile;
    private DemoPki pki;
    private DemoCluster fulfilling;
    private DemoCluster querying;
    private String encodedKey;

    DemoScenario(DemoOutput output, Path requestedDir, int documents, boolean keep) {
        this.output = output;
        this.requestedDir = requestedDir;
        this.documents = documents;
        this.keep = keep;
    }

    /** Runs every step and returns whether every check behaved as expected. */
    boolean run() {
        try {
            prepare();
            startFulfilling();
            createApiKey();
            loadSampleLogs();
            startQuerying();
            searchAcrossClusters();
            new DemoAttacks(this).runAll();
        } catch (StepFailedException e) {
            output.note("stopping: a step the rest depends on failed");
        } catch (IOException e) {
            output.check(new DemoCheck("demo step", "completes", "failed: " + e.getMessage(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.check(new DemoCheck("demo step", "completes", "interrupted", false));
        } finally {
            finish();
        }
        return output.summary();
    }

    // ---- the procedure ---------------------------------------------------------------------------------------

    private void prepare() throws IOException {
        workDir = requestedDir != null
                ? Files.createDirectories(requestedDir)
                : Files.createTempDirectory("certbound-demo-");
        passwordFile = workDir.resolve("elastic-password");
        Files.writeString(passwordFile, new String(password), StandardCharsets.UTF_8);
        setOwnerOnly(passwordFile);
        output.step("Work directory and certificates");
        output.note("work directory: " + workDir);
        output.note("the password of user [elastic] on every cluster is in " + passwordFile);
        pki = DemoPki.create();
        fulfilling = cluster("fulfilling");
        querying = cluster("querying");
        pki.writeTransportCa(fulfilling.configDir());
        pki.writeTransportCa(querying.configDir());
        pki.writeNodeCertificate(fulfilling.configDir(), "node", DemoPki.cloudDn("instance-0000000002", "0f0f0f0f"));
        pki.writeNodeCertificate(querying.configDir(), "node", QUERYING_NODE_DN);
        output.note("querying cluster: node.crt, node.key, internal_tls_ca.crt in " + querying.configDir());
        output.note("  $ certbound identity show " + querying.configDir().resolve("node.crt"));
        output.note("  canonical DN: " + QUERYING_NODE_DN);
        output.note("fulfilling cluster: node.crt, node.key, internal_tls_ca.crt in " + fulfilling.configDir());
    }

    private void startFulfilling() throws IOException, InterruptedException {
        output.step("Fulfilling cluster: remote cluster server and the CA that issued the querying cluster's cert");
        fulfilling.setting("remote_cluster_server.enabled", true);
        fulfilling.setting("remote_cluster.host", "127.0.0.1");
        fulfilling.setting("remote_cluster.port", 0);
        fulfilling.setting("xpack.security.remote_cluster_server.ssl.certificate", "node.crt");
        fulfilling.setting("xpack.security.remote_cluster_server.ssl.key", "node.key");
        fulfilling.setting("cluster.remote.signing.certificate_authorities", List.of("internal_tls_ca.crt"));
        output.settings(
                fulfilling.configDir().resolve("certbound.yml").toString(),
                fulfilling.settingLines(List.of(
                        "remote_cluster_server.enabled",
                        "remote_cluster.port",
                        "xpack.security.remote_cluster_server.ssl.certificate",
                        "xpack.security.remote_cluster_server.ssl.key",
                        "cluster.remote.signing.certificate_authorities")));
        startNode(fulfilling);
    }

    private void createApiKey() throws IOException, InterruptedException {
        output.step("Fulfilling cluster: cross-cluster API key bound to the querying cluster's certificate identity");
        output.note("certificate_identity admits every node of cluster [" + DemoPki.QUERYING_CLUSTER_ID
                + "] in organization [" + DemoPki.ORG_ID + "], with the dots escaped and [^,]* so that no"
                + " extra RDN passes");
        String body = String.format(
                Locale.ROOT,
                "{\"name\":\"demo-cross-cluster-key\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                        + "\"certificate_identity\":%s}",
                jsonString(DemoPki.queryingClusterPattern()));
        DemoRest.Response response = rest(fulfilling).call("POST", "/_security/cross_cluster/api_key", body);
        JsonNode encoded = response.json().path("encoded");
        boolean created = response.status() == 200 && encoded.isTextual();
        output.check(
                new DemoCheck("create cross-cluster API key", "200 with an encoded key", describe(response), created));
        if (!created) {
            throw new StepFailedException(new IOException("the cross-cluster API key was not created"));
        }
        encodedKey = encoded.asText();
    }

    private void loadSampleLogs() throws IOException, InterruptedException {
        output.step("Fulfilling cluster: sample web logs in [" + INDEX + "]");
        if (documents < SampleLogs.DEFAULT_COUNT) {
            output.note(String.format(
                    Locale.ROOT,
                    "loading the first %,d of the sample data set's %,d documents, so the demo finishes in under a"
                            + " minute on two cores (--docs sets the number)",
                    documents,
                    SampleLogs.DEFAULT_COUNT));
        }

        DemoRest rest = rest(fulfilling);
        DemoRest.Response created =
                rest.call("PUT", "/" + INDEX, SampleLogs.createIndexBody().toString());
        if (created.status() != 200) {
            output.check(new DemoCheck("create index [" + INDEX + "]", "200", describe(created), false));
            throw new StepFailedException(new IOException("the index [" + INDEX + "] was not created"));
        }

        output.curl(rest.curl("POST", "/" + INDEX + "/_bulk", "<" + documents + " documents as NDJSON>"));
        Iterator<String> bodies = new SampleLogs(SampleLogs.DEFAULT_SEED, documents).bulkBodies(BULK_BATCH);
        int loaded = 0;
        boolean errors = false;
        while (bodies.hasNext()) {
            DemoRest.Response response =
                    rest.send("POST", "/" + INDEX + "/_bulk", bodies.next(), "application/x-ndjson");
            if (response.status() != 200 || response.json().path("errors").asBoolean(true)) {
                errors = true;
                output.progressDone("bulk request failed: " + describe(response));
                break;
            }
            loaded = Math.min(documents, loaded + BULK_BATCH);
            output.progress(String.format(Locale.ROOT, "loaded %,d of %,d documents", loaded, documents));
        }
        if (!errors) {
            output.progressDone(String.format(Locale.ROOT, "loaded %,d documents", loaded));
        }

        rest.send("POST", "/" + INDEX + "/_refresh", null, "application/json");
        DemoRest.Response count = rest.call("GET", "/" + INDEX + "/_count", null);
        long counted = count.json().path("count").asLong(-1);
        output.check(new DemoCheck(
                "load sample logs", documents + " documents", counted + " documents", !errors && counted == documents));
    }

    private void startQuerying() throws IOException, InterruptedException {
        output.step("Querying cluster: the remote cluster, the API key in the keystore, and request signing");
        InetSocketAddress remotePort = fulfillingRemotePort();
        querying.setting("cluster.remote." + ALIAS + ".mode", "proxy");
        querying.setting("cluster.remote." + ALIAS + ".proxy_address", "127.0.0.1:" + remotePort.getPort());
        querying.setting("cluster.remote." + ALIAS + ".skip_unavailable", false);
        querying.setting(
                "xpack.security.remote_cluster_client.ssl.certificate_authorities", List.of("internal_tls_ca.crt"));
        output.settings(
                querying.configDir().resolve("certbound.yml").toString(),
                querying.settingLines(List.of(
                        "cluster.remote." + ALIAS + ".mode",
                        "cluster.remote." + ALIAS + ".proxy_address",
                        "cluster.remote." + ALIAS + ".skip_unavailable",
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities")));
        startNode(querying);

        output.note("the encoded API key goes into the keystore of the running node, which then reloads it:");
        output.note("$ echo \"$ENCODED\" | certbound keystore add --config " + querying.configDir()
                + " --stdin --force cluster.remote." + ALIAS + ".credentials");
        querying.keystoreString("cluster.remote." + ALIAS + ".credentials", encodedKey.toCharArray());
        querying.writeKeystore();
        DemoRest.Response reload = rest(querying).call("POST", "/_nodes/reload_secure_settings", null);
        boolean reloaded = reload.status() == 200
                && reload.json().path("_nodes").path("failed").asInt(-1) == 0;
        output.check(new DemoCheck(
                "reload the credentials from the keystore", "200, no failed node", describe(reload), reloaded));

        output.note("signing settings are dynamic, so they go through the cluster settings API:");
        DemoRest.Response response = putSigning(querying, "node.crt", "node.key");
        output.check(new DemoCheck(
                "enable request signing for [" + ALIAS + "]",
                "200 acknowledged",
                describe(response),
                response.status() == 200));
    }

    private void searchAcrossClusters() throws IOException, InterruptedException {
        output.step("Querying cluster: cross-cluster search, signed with node.crt");
        DemoRest.Response response = search(querying);
        long total = response.json().path("hits").path("total").path("value").asLong(-1);
        output.check(new DemoCheck(
                "cross-cluster search with the matching certificate",
                "200 with " + documents + " hits",
                response.status() + " with " + total + " hits",
                response.status() == 200 && total == documents));
    }

    // ---- helpers shared with the attacks -----------------------------------------------------------------------

    DemoOutput output() {
        return output;
    }

    DemoPki pki() {
        return pki;
    }

    DemoCluster querying() {
        return querying;
    }

    String encodedKey() {
        return encodedKey;
    }

    DemoCluster fulfilling() {
        return fulfilling;
    }

    Path workDir() {
        return workDir;
    }

    int documents() {
        return documents;
    }

    /** Returns the fulfilling cluster's remote cluster port. */
    InetSocketAddress fulfillingRemotePort() throws IOException {
        return fulfilling
                .address("remote_cluster")
                .orElseThrow(() -> new IOException("the fulfilling cluster published no remote_cluster port"));
    }

    /** Creates a cluster directory whose keystore contains the password of the [elastic] user. */
    DemoCluster cluster(String name) throws IOException {
        DemoCluster cluster = new DemoCluster(name, workDir);
        // The built-in [elastic] superuser takes its password from the keystore's bootstrap.password.
        cluster.keystoreString("bootstrap.password", password.clone());
        clusters.add(cluster);
        return cluster;
    }

    /** Writes the cluster's config, starts it and records a check. */
    void startNode(DemoCluster cluster) throws IOException, InterruptedException {
        cluster.writeConfig();
        try {
            cluster.start(START_TIMEOUT);
        } catch (IOException e) {
            output.check(new DemoCheck("start cluster [" + cluster.name() + "]", "running", e.getMessage(), false));
            throw new StepFailedException(e);
        }
        output.check(new DemoCheck(
                "start cluster [" + cluster.name() + "]", "running", "running at " + cluster.httpUri(), true));
    }

    DemoRest rest(DemoCluster cluster) {
        return new DemoRest(http, cluster.httpUri(), "elastic", password, passwordFile.toString(), output);
    }

    /** Sets (or with null values, removes) the signing certificate and key of the alias through the settings API. */
    DemoRest.Response putSigning(DemoCluster cluster, String certificate, String key)
            throws IOException, InterruptedException {
        String body = String.format(
                Locale.ROOT,
                "{\"persistent\":{\"cluster.remote.%s.signing.certificate\":%s,\"cluster.remote.%s.signing.key\":%s}}",
                ALIAS,
                certificate == null ? "null" : jsonString(certificate),
                ALIAS,
                key == null ? "null" : jsonString(key));
        return rest(cluster).call("PUT", "/_cluster/settings", body);
    }

    /** Sets (or with a null value, removes) one persistent cluster setting through the settings API. */
    DemoRest.Response putPersistent(DemoCluster cluster, String key, String value)
            throws IOException, InterruptedException {
        String body = String.format(
                Locale.ROOT, "{\"persistent\":{%s:%s}}", jsonString(key), value == null ? "null" : jsonString(value));
        return rest(cluster).call("PUT", "/_cluster/settings", body);
    }

    /** Runs the demo's cross-cluster search on a cluster. */
    DemoRest.Response search(DemoCluster cluster) throws IOException, InterruptedException {
        return rest(cluster)
                .call(
                        "POST",
                        "/" + ALIAS + ":logs-*/_search",
                        "{\"size\":1,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}");
    }

    static String describe(DemoRest.Response response) {
        return response.status() + " " + DemoOutput.trim(response.body());
    }

    static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void finish() {
        if (keep && clusters.stream().anyMatch(DemoCluster::isRunning)) {
            output.step("Clusters left running (--keep)");
            for (DemoCluster cluster : clusters) {
                if (cluster.isRunning()) {
                    output.note(String.format(
                            Locale.ROOT,
                            "%s: %s (pid %d, logs in %s)",
                            cluster.name(),
                            cluster.httpUri(),
                            cluster.pid(),
                            cluster.logsDir()));
                }
            }
            output.note("$ curl -u \"elastic:$(cat " + passwordFile + ")\" " + querying.httpUri() + "/_remote/info");
            output.note("stop them with: kill <pid>");
            return;
        }
        for (DemoCluster cluster : clusters) {
            try {
                cluster.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.usage("interrupted while stopping cluster [%s]", cluster.name());
            }
        }
    }

    /** A failure that a check already records, so the demo stops without recording it twice. */
    static final class StepFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        StepFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static char[] randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        char[] value = new char[20];
        for (int i = 0; i < value.length; i++) {
            value[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return value;
    }
}
