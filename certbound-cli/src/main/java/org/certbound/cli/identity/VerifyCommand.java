package org.certbound.cli.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.certbound.cli.CliException;
import org.certbound.cli.ExitCodes;
import org.certbound.cli.SecretInput;
import org.certbound.cli.Terminal;
import org.certbound.cli.ToolCommand;
import org.certbound.identity.CertificateFingerprint;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.ChainValidator;
import org.certbound.identity.IdentityException;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.TrustAnchors;
import org.certbound.identity.ValidatedChain;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certbound identity verify}: validates a chain against trusted CAs the way the fulfilling cluster does. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        header = "Verifies a certificate chain against trusted CAs, as the fulfilling cluster does.",
        description = "Validates a certificate chain (leaf first) against CA certificates or a truststore with the"
                + " fulfilling cluster's PKIX validation: issuer found, signatures, validity now (or at --at), no"
                + " MD5 or SHA-1 signatures, key usage fit for signing. With --pattern it then matches the leaf's"
                + " canonical DN as the fulfilling cluster does. On failure it prints the reason code and why.",
        footer = {
            "",
            "Exit codes: 0 trusted (and matched, with --pattern), 1 untrusted or no match, 2 usage or input error",
            "(a missing or unreadable file, a wrong truststore password, an invalid pattern)."
        })
public final class VerifyCommand extends ToolCommand {

    private static final String FORMAT = "%-18s %s%n";

    /** Setting prefix named in errors, so they read as the fulfilling cluster's own. */
    private static final String SETTING_PREFIX = "cluster.remote.signing";

    @Option(
            names = "--chain",
            required = true,
            paramLabel = "FILE",
            description = "PEM chain to verify, leaf first, as the querying cluster sends it.")
    Path chainFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Trust trust;

    @Option(
            names = "--truststore-type",
            paramLabel = "TYPE",
            description = "PKCS12 or JKS (default: from the file name).")
    String truststoreType;

    @Option(names = "--pass-stdin", description = "Read the truststore password from a line of standard input.")
    boolean passStdin;

    @Option(
            names = "--pass-env",
            paramLabel = "NAME",
            description = "Read the truststore password from environment variable NAME.")
    String passEnv;

    @Option(
            names = "--pattern",
            paramLabel = "PATTERN",
            description = "Also match the leaf's canonical DN against this certificate_identity pattern.")
    String pattern;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Validate at this ISO-8601 instant instead of now.")
    String at;

    /** Exactly one source of trust. */
    static final class Trust {
        @Option(
                names = "--ca",
                paramLabel = "FILE",
                split = ",",
                description =
                        "PEM file of trusted CA certificates, as in cluster.remote.signing.certificate_authorities (repeatable).")
        List<Path> caFiles = new ArrayList<>();

        @Option(
                names = "--truststore",
                paramLabel = "FILE",
                description = "PKCS#12 or JKS truststore, as in cluster.remote.signing.truststore.path.")
        Path truststore;
    }

    /** Creates the command on the process's terminal. */
    public VerifyCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public VerifyCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        Instant now = Instants.parseOrNow("--at", at);
        CertificateIdentityPattern compiled = pattern == null ? null : compilePattern();
        List<X509Certificate> chain = CertificateFiles.readPem(chainFile, "--chain");
        TrustAnchors anchors = loadTrust();
        ValidatedChain validated;
        try {
            validated = ChainValidator.create(anchors).validate(chain, now);
        } catch (IdentityException e) {
            return reportUntrusted(chain, anchors, e);
        }
        out().printf(FORMAT, "result:", "TRUSTED");
        out().printf(FORMAT, "leaf DN:", validated.canonicalDn());
        out().printf(FORMAT, "leaf SHA-256:", validated.fingerprint());
        out().printf(FORMAT, "trust anchor:", CertificateFingerprint.describe(validated.trustAnchor()));
        out().printf(FORMAT, "path length:", validated.path().size());
        out().printf(FORMAT, "valid until:", validated.notAfter() + " (earliest notAfter of the path)");
        return compiled == null ? ExitCodes.OK : matchPattern(compiled, validated.canonicalDn());
    }

    private int reportUntrusted(List<X509Certificate> chain, TrustAnchors anchors, IdentityException e) {
        out().printf(FORMAT, "result:", "UNTRUSTED (" + e.reason().code() + ")");
        out().printf(FORMAT, "reason:", Reasons.message(e));
        for (int i = 0; i < chain.size(); i++) {
            out().printf(FORMAT, i == 0 ? "chain:" : "", CertificateFingerprint.describe(chain.get(i)));
        }
        List<String> subjects = anchors.subjects();
        List<String> fingerprints = anchors.fingerprints();
        for (int i = 0; i < subjects.size(); i++) {
            out().printf(
                            FORMAT,
                            i == 0 ? "trusted CAs:" : "",
                            "[" + subjects.get(i) + "] (sha256=" + fingerprints.get(i) + ")");
        }
        out().flush();
        return ExitCodes.NEGATIVE;
    }

    private int matchPattern(CertificateIdentityPattern compiled, String canonicalDn) {
        try {
            compiled.check(canonicalDn, CertificateIdentityPattern.DEFAULT_BUDGET);
        } catch (IdentityException e) {
            out().printf(FORMAT, "identity:", "NO MATCH (" + e.reason().code() + ")");
            out().printf(FORMAT, "reason:", Reasons.message(e));
            for (String reason :
                    CertificateIdentityPattern.explain(canonicalDn, pattern).reasons()) {
                out().printf(FORMAT, "likely mistake:", reason);
            }
            out().flush();
            return ExitCodes.NEGATIVE;
        }
        out().printf(FORMAT, "identity:", "MATCH [" + pattern + "]");
        out().flush();
        return ExitCodes.OK;
    }

    private CertificateIdentityPattern compilePattern() {
        try {
            return CertificateIdentityPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "[--pattern] %s", e.getMessage());
        }
    }

    private TrustAnchors loadTrust() {
        try {
            if (trust.truststore == null) {
                for (Path file : trust.caFiles) {
                    CertificateFiles.requireReadable(file, "--ca");
                }
                return TrustAnchors.fromPemFiles(trust.caFiles, SETTING_PREFIX);
            }
            CertificateFiles.requireReadable(trust.truststore, "--truststore");
            char[] password = SecretInput.resolve(
                    terminal(), "truststore password", "--pass-stdin", passStdin, "--pass-env", passEnv, false);
            try {
                return TrustAnchors.fromTruststore(trust.truststore, truststoreType, password, SETTING_PREFIX);
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (KeyMaterialException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        }
    }
}
