package org.certbound.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.certbound.cli.certutil.CertificateMaker;
import org.certbound.cli.certutil.CertificateSpec;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.cli.certutil.KeySpec;
import org.certbound.cli.certutil.PemFiles;

/**
 * The demo's certificates: one CA that plays Elastic Cloud's regional transport CA, node certificates in Cloud's DN
 * form {@code CN=<node_id>.node.<cluster_id>.cluster.<org_id>}, and the bad certificates the attacks use.
 */
final class DemoPki {

    /** Elastic Cloud organization id of every demo cluster. */
    static final String ORG_ID = "org-4711";

    /** Cluster id of the querying cluster, the one the API key's certificate_identity names. */
    static final String QUERYING_CLUSTER_ID = "a1b2c3d4";

    /** Cluster id of the third cluster, which uses a stolen API key. */
    static final String THIRD_CLUSTER_ID = "ffee9988";

    private final IssuedCertificate transportCa;
    private final IssuedCertificate untrustedCa;

    private DemoPki(IssuedCertificate transportCa, IssuedCertificate untrustedCa) {
        this.transportCa = transportCa;
        this.untrustedCa = untrustedCa;
    }

    /** Makes the two CAs. */
    static DemoPki create() {
        return new DemoPki(
                ca("CN=certbound demo regional transport CA,O=Example Cloud"),
                ca("CN=Untrusted Demo CA,O=Somewhere Else"));
    }

    /** Returns the DN of a node certificate in Elastic Cloud's form. */
    static String cloudDn(String nodeId, String clusterId) {
        return "CN=" + nodeId + ".node." + clusterId + ".cluster." + ORG_ID;
    }

    /** Returns the certificate_identity pattern that admits every node of the querying cluster. */
    static String queryingClusterPattern() {
        return "CN=[^,]*\\.node\\." + QUERYING_CLUSTER_ID + "\\.cluster\\." + ORG_ID;
    }

    /** Writes the CA certificate as {@code internal_tls_ca.crt} into a config directory. */
    Path writeTransportCa(Path configDir) throws IOException {
        Path file = configDir.resolve("internal_tls_ca.crt");
        Files.writeString(file, PemFiles.certificatesToPem(List.of(transportCa.leaf())), StandardCharsets.UTF_8);
        return file;
    }

    /** Writes a node certificate signed by the transport CA as {@code <name>.crt} and {@code <name>.key}. */
    void writeNodeCertificate(Path configDir, String name, String dn) throws IOException {
        write(configDir, name, issue(dn, transportCa, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30)));
    }

    /** Writes a certificate from the untrusted CA, with a DN that would otherwise match, and returns it. */
    IssuedCertificate writeUntrustedCertificate(Path configDir, String name, String dn) throws IOException {
        IssuedCertificate certificate =
                issue(dn, untrustedCa, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30));
        write(configDir, name, certificate);
        return certificate;
    }

    /** Writes a certificate from the trusted CA that expired a day ago, and returns it. */
    IssuedCertificate writeExpiredCertificate(Path configDir, String name, String dn) throws IOException {
        IssuedCertificate certificate =
                issue(dn, transportCa, Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        write(configDir, name, certificate);
        return certificate;
    }

    /** Returns the transport CA certificate, which both clusters trust. */
    X509Certificate transportCaCertificate() {
        return transportCa.leaf();
    }

    /** Makes a server certificate for 127.0.0.1 from the transport CA, as an attacker on the path would hold. */
    IssuedCertificate relayCertificate() {
        return issue(
                "CN=relay.node.0badf00d.cluster." + ORG_ID,
                transportCa,
                Instant.now().minus(Duration.ofHours(1)),
                Duration.ofDays(1));
    }

    private static IssuedCertificate ca(String dn) {
        Instant now = Instant.now();
        return CertificateMaker.make(
                CertificateSpec.builder(dn)
                        .key(KeySpec.ec("P-256"))
                        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
                        .ca(0)
                        .build(),
                Optional.empty());
    }

    private static IssuedCertificate issue(String dn, IssuedCertificate ca, Instant start, Duration validity) {
        return CertificateMaker.make(
                CertificateSpec.builder(dn)
                        .key(KeySpec.ec("P-256"))
                        .validity(start, start.plus(validity))
                        .dnsNames(List.of("localhost"))
                        .ipAddresses(List.of("127.0.0.1"))
                        .build(),
                Optional.of(ca));
    }

    private static void write(Path configDir, String name, IssuedCertificate certificate) throws IOException {
        Files.writeString(
                configDir.resolve(name + ".crt"),
                PemFiles.certificatesToPem(List.of(certificate.leaf())),
                StandardCharsets.UTF_8);
        Files.writeString(
                configDir.resolve(name + ".key"),
                PemFiles.privateKeyToPem(certificate.privateKey(), null),
                StandardCharsets.UTF_8);
    }
}
