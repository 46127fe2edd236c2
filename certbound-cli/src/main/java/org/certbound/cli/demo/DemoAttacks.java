package org.certbound.cli.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.SigningIdentity;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.SubjectInfo;

/**
 * The attacks the demo runs after the successful search. The fulfilling cluster must reject each one with a
 * specific reason code, and the querying cluster's error must name it.
 */
final class DemoAttacks {

    private final DemoScenario scenario;
    private final DemoOutput output;

    DemoAttacks(DemoScenario scenario) {
        this.scenario = scenario;
        this.output = scenario.output();
    }

    /** Runs every attack, then restores the querying cluster's signing settings. */
    void runAll() throws IOException, InterruptedException {
        stolenKeyFromThirdCluster();
        unsignedRequest();
        untrustedCa();
        expiredCertificate();
        output.step("Querying cluster: restore the valid signing certificate");
        scenario.putSigning(scenario.querying(), "node.crt", "node.key");
        replayedRequest();
        output.step("Querying cluster: cross-cluster search after the attacks");
        DemoRest.Response response = scenario.search(scenario.querying());
        long total = response.json().path("hits").path("total").path("value").asLong(-1);
        output.check(new DemoCheck(
                "cross-cluster search after the attacks",
                "200 with " + scenario.documents() + " hits",
                response.status() + " with " + total + " hits",
                response.status() == 200 && total == scenario.documents()));
    }

    private void stolenKeyFromThirdCluster() throws IOException, InterruptedException {
        output.step("Attack: the same API key used from a third cluster whose certificate does not match");
        DemoCluster third = scenario.cluster("third");
        String dn = DemoPki.cloudDn("instance-0000000007", DemoPki.THIRD_CLUSTER_ID);
        scenario.pki().writeTransportCa(third.configDir());
        scenario.pki().writeNodeCertificate(third.configDir(), "node", dn);
        output.note("third cluster signs with a certificate from the same CA, DN " + dn);
        third.keystoreString(
                "cluster.remote." + DemoScenario.ALIAS + ".credentials",
                scenario.encodedKey().toCharArray());
        third.setting("cluster.remote." + DemoScenario.ALIAS + ".mode", "proxy");
        third.setting(
                "cluster.remote." + DemoScenario.ALIAS + ".proxy_address",
                "127.0.0.1:" + scenario.fulfillingRemotePort().getPort());
        third.setting("cluster.remote." + DemoScenario.ALIAS + ".skip_unavailable", false);
        third.setting(
                "xpack.security.remote_cluster_client.ssl.certificate_authorities", List.of("internal_tls_ca.crt"));
        third.setting("cluster.remote." + DemoScenario.ALIAS + ".signing.certificate", "node.crt");
        third.setting("cluster.remote." + DemoScenario.ALIAS + ".signing.key", "node.key");
        scenario.startNode(third);
        expectRejection("stolen key from a third cluster", "identity_mismatch", scenario.search(third));
    }

    private void unsignedRequest() throws IOException, InterruptedException {
        output.step("Attack: an unsigned request with the right API key");
        output.note("removing the signing settings makes the querying cluster send the key without a signature");
        scenario.putSigning(scenario.querying(), null, null);
        expectRejection("unsigned request", "missing_signature", scenario.search(scenario.querying()));
    }

    private void untrustedCa() throws IOException, InterruptedException {
        output.step("Attack: a certificate with a matching DN from a CA the fulfilling cluster does not trust");
        IssuedCertificate untrusted = scenario.pki()
                .writeUntrustedCertificate(scenario.querying().configDir(), "untrusted", DemoScenario.QUERYING_NODE_DN);
        DemoRest.Response update = scenario.putSigning(scenario.querying(), "untrusted.crt", "untrusted.key");
        if (update.status() != 200) {
            rejectedLocally("certificate from an untrusted CA", "untrusted_chain", update, untrusted);
            return;
        }
        expectRejection("certificate from an untrusted CA", "untrusted_chain", scenario.search(scenario.querying()));
    }

    private void expiredCertificate() throws IOException, InterruptedException {
        output.step("Attack: a certificate from the trusted CA with a matching DN that has expired");
        IssuedCertificate expired = scenario.pki()
                .writeExpiredCertificate(scenario.querying().configDir(), "expired", DemoScenario.QUERYING_NODE_DN);
        DemoRest.Response update = scenario.putSigning(scenario.querying(), "expired.crt", "expired.key");
        if (update.status() != 200) {
            boolean named = update.status() == 400 && update.body().contains("expired at");
            output.check(new DemoCheck(
                    "expired certificate, on the querying cluster",
                    "400: the signing settings are rejected",
                    DemoScenario.describe(update),
                    named));
            rejectedLocally("expired certificate", "certificate_expired", update, expired);
            return;
        }
        expectRejection("expired certificate", "certificate_expired", scenario.search(scenario.querying()));
        output.note("the same certificate, signing a request that the demo sends straight to the remote cluster port:");
        expectRemoteRejection(
                "expired certificate, straight to the remote port", "certificate_expired", sendSignedBy(expired));
    }

    private void replayedRequest() throws IOException, InterruptedException {
        output.step("Attack: a captured signed request sent again");
        InetSocketAddress remotePort = scenario.fulfillingRemotePort();
        SSLContext tls = DemoWire.clientContext(scenario.pki().transportCaCertificate());
        String proxyKey = "cluster.remote." + DemoScenario.ALIAS + ".proxy_address";
        try (DemoRelay relay = DemoRelay.start(scenario.pki().relayCertificate(), tls, remotePort)) {
            output.note("an attacker on the network path, with a server certificate from the CA the querying cluster"
                    + " trusts, relays and records its requests on 127.0.0.1:" + relay.port());
            scenario.putPersistent(scenario.querying(), proxyKey, "127.0.0.1:" + relay.port());
            DemoRest.Response relayed = scenario.search(scenario.querying());
            Optional<DemoWire.Message> captured = relay.firstRequest(
                    CrossClusterHeaders.pathOf(CrossClusterActions.SEARCH), CrossClusterHeaders.SIGNATURE);
            output.note("the relay recorded " + relay.capturedCount() + " requests; the search through it returned "
                    + relayed.status());
            if (captured.isEmpty()) {
                output.check(new DemoCheck(
                        "replayed request",
                        "rejected: replayed_nonce",
                        "no signed search request went through the relay",
                        false));
                return;
            }
            DemoWire.Message request = captured.get();
            output.note("captured: POST " + request.path() + ", " + request.body().length + " body bytes, signature "
                    + abbreviate(request.headers().get(CrossClusterHeaders.SIGNATURE)));
            output.note("sending the captured headers and body again, straight to the remote cluster port:");
            output.curl(replayCurl(remotePort, request, "captured-search-body.json"));
            DemoWire.Message replayed =
                    DemoWire.send(tls, remotePort, CrossClusterActions.SEARCH, request.headers(), request.body());
            output.response(replayed.status(), replayed.bodyText());
            expectRemoteRejection("replayed request", "replayed_nonce", replayed);
        } finally {
            scenario.putPersistent(scenario.querying(), proxyKey, "127.0.0.1:" + remotePort.getPort());
        }
    }

    /**
     * Records that the querying cluster rejected a signing certificate, then signs a request with it in the demo and
     * sends that straight to the remote cluster port, so the table shows the remote's own reason.
     */
    private void rejectedLocally(String name, String code, DemoRest.Response update, IssuedCertificate certificate)
            throws IOException {
        output.note("the querying cluster rejected the certificate: " + DemoScenario.describe(update));
        output.note("signing a request with it in the demo and sending that straight to the remote cluster port:");
        expectRemoteRejection(name, code, sendSignedBy(certificate));
    }

    /** Sends a handshake with the demo's API key, signed by {@code certificate}, to the remote cluster port. */
    private DemoWire.Message sendSignedBy(IssuedCertificate certificate) throws IOException {
        String credentials = CrossClusterHeaders.API_KEY_SCHEME + scenario.encodedKey();
        String subjectInfo = new SubjectInfo("_system", "__internal", "__internal", List.of(Map.of())).encode();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signature;
        try (SigningIdentity identity =
                SigningIdentity.create(certificate.privateKey(), List.of(certificate.leaf()), "demo certificate")) {
            RequestClaims claims = RequestClaims.of(
                    CrossClusterActions.HANDSHAKE, scenario.fulfilling().name(), credentials, subjectInfo, body);
            signature = RequestSigner.create(identity, Clock.systemUTC()).sign(claims);
        } catch (KeyMaterialException e) {
            throw new IOException("failed to load the demo certificate for signing: " + e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CrossClusterHeaders.WIRE_VERSION, CrossClusterHeaders.CURRENT_WIRE_VERSION);
        headers.put(CrossClusterHeaders.ACTION, CrossClusterActions.HANDSHAKE);
        headers.put(CrossClusterHeaders.CREDENTIALS, credentials);
        headers.put(CrossClusterHeaders.SUBJECT_INFO, subjectInfo);
        headers.put(CrossClusterHeaders.SIGNATURE, signature);
        InetSocketAddress remotePort = scenario.fulfillingRemotePort();
        DemoWire.Message request = new DemoWire.Message(
                "POST " + CrossClusterHeaders.pathOf(CrossClusterActions.HANDSHAKE) + " HTTP/1.1", headers, body);
        output.curl(replayCurl(remotePort, request, "signed-handshake-body.json"));
        SSLContext tls = DemoWire.clientContext(scenario.pki().transportCaCertificate());
        DemoWire.Message response = DemoWire.send(tls, remotePort, CrossClusterActions.HANDSHAKE, headers, body);
        output.response(response.status(), response.bodyText());
        return response;
    }

    /**
     * Writes the request body into the work directory and returns a curl command equivalent to sending
     * {@code request}, with the credentials left as a variable and long header values shortened.
     */
    private String replayCurl(InetSocketAddress remotePort, DemoWire.Message request, String bodyFile)
            throws IOException {
        Path bodyPath = scenario.workDir().resolve(bodyFile);
        Files.write(bodyPath, request.body());
        StringBuilder curl = new StringBuilder("curl -s --cacert ")
                .append(scenario.querying().configDir().resolve("internal_tls_ca.crt"))
                .append(" -X POST 'https://127.0.0.1:")
                .append(remotePort.getPort())
                .append(request.path())
                .append('\'');
        request.headers().forEach((name, value) -> {
            if (CrossClusterHeaders.CROSS_CLUSTER_HEADERS.contains(name)) {
                String shown = name.equals(CrossClusterHeaders.CREDENTIALS)
                        ? CrossClusterHeaders.API_KEY_SCHEME + "$ENCODED"
                        : abbreviate(value);
                curl.append(" -H '").append(name).append(": ").append(shown).append('\'');
            }
        });
        curl.append(" --data-binary @").append(bodyPath);
        return curl.toString();
    }

    private static String abbreviate(String value) {
        return value.length() <= 24 ? value : value.substring(0, 20) + "...";
    }

    private void expectRemoteRejection(String name, String code, DemoWire.Message response) {
        String observedCode = reasonCodeOf(response);
        boolean rejected = response.status() >= 400 && code.equals(observedCode);
        String reason = DemoRest.Response.parse(response.bodyText())
                .path("error")
                .path("reason")
                .asText("");
        String observed = response.status() == 200
                ? "200: the remote cluster accepted it"
                : String.format(
                        Locale.ROOT, "%d from the remote port: %s [%s]", response.status(), reason, observedCode);
        output.check(new DemoCheck(name, "rejected: " + code, observed, rejected));
    }

    private static String reasonCodeOf(DemoWire.Message response) {
        return DemoRest.Response.parse(response.bodyText())
                .path("error")
                .path("reason_code")
                .asText("");
    }

    private void expectRejection(String name, String code, DemoRest.Response response) {
        boolean rejected = response.status() >= 400 && response.body().contains(code);
        String observed = response.status() == 200
                ? "200: the search succeeded"
                : String.format(Locale.ROOT, "%d: %s", response.status(), reasonOf(response));
        output.check(new DemoCheck(name, "rejected: " + code, observed, rejected));
    }

    private static String reasonOf(DemoRest.Response response) {
        String reason = response.json().path("error").path("reason").asText("");
        return reason.isEmpty() ? DemoOutput.trim(response.body()) : reason;
    }
}
