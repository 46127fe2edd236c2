package org.certbound.cli.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.certbound.cli.CliException;
import org.certbound.cli.ExitCodes;
import org.certbound.cli.Terminal;
import org.certbound.cli.ToolCommand;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.DnExplanation;
import org.certbound.identity.IdentityException;
import org.certbound.server.remote.verify.RemoteVerifySettings;
import org.certbound.server.settings.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certbound identity test}: reports whether a {@code certificate_identity} pattern matches a DN, and why not. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        header = "Tests a certificate_identity pattern against a DN: match or no match, and why.",
        description = "Tests a certificate_identity pattern against the canonical DN of a certificate's leaf, or"
                + " against a DN given as text, the way the fulfilling cluster matches it: a full, case-sensitive"
                + " Java regex match under a time budget. On no match it names the likely mistake and prints the"
                + " escaped pattern that matches exactly this DN.",
        footer = {
            "",
            "Exit codes: 0 match, 1 no match (or the match timed out), 2 usage or input error",
            "(an invalid pattern, a missing or unreadable file, a DN that does not parse)."
        })
public final class TestCommand extends ToolCommand {

    private static final String FORMAT = "%-18s %s%n";

    @Option(
            names = "--pattern",
            required = true,
            paramLabel = "PATTERN",
            description = "The certificate_identity pattern, as the API key stores it (after JSON decoding). Write"
                    + " [^,]* for any value of one attribute: .* also matches commas and so spans several RDNs.")
    String pattern;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(
            names = "--budget",
            paramLabel = "MILLIS",
            description = "Time budget for the match in milliseconds (default: the node's default of"
                    + " [cluster.remote.signing.pattern_timeout]).")
    Long budgetMillis;

    /** Exactly one of a certificate file and a DN. */
    static final class Subject {
        @Option(
                names = "--cert",
                paramLabel = "FILE",
                description = "PEM certificate or chain; its first certificate is the leaf.")
        Path certificate;

        @Option(
                names = "--dn",
                paramLabel = "DN",
                description = "A DN in RFC 2253, RFC 1779 or OpenSSL slash form; it is put in canonical form first.")
        String dn;
    }

    /** Creates the command on the process's terminal. */
    public TestCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public TestCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        CertificateIdentityPattern compiled = compile();
        Duration budget = budget();
        String canonicalDn = canonicalDn();
        out().printf(FORMAT, "canonical DN:", canonicalDn);
        out().printf(FORMAT, "pattern:", compiled.pattern());
        try {
            compiled.check(canonicalDn, budget);
        } catch (IdentityException e) {
            return reportRejection(canonicalDn, e, budget);
        }
        out().printf(FORMAT, "result:", "MATCH");
        for (String warning : compiled.warnings()) {
            out().printf(FORMAT, "warning:", warning);
        }
        out().flush();
        return ExitCodes.OK;
    }

    private int reportRejection(String canonicalDn, IdentityException e, Duration budget) {
        out().printf(FORMAT, "result:", "NO MATCH (" + e.reason().code() + ")");
        out().printf(FORMAT, "reason:", Reasons.message(e));
        DnExplanation explanation = CertificateIdentityPattern.explain(canonicalDn, pattern, budget);
        for (String reason : explanation.reasons()) {
            out().printf(FORMAT, "likely mistake:", reason);
        }
        out().printf(FORMAT, "exact pattern:", explanation.suggestedPattern());
        out().printf(FORMAT, "as JSON string:", JsonText.quote(explanation.suggestedPattern()));
        out().flush();
        return ExitCodes.NEGATIVE;
    }

    private String canonicalDn() {
        if (subject.certificate != null) {
            List<X509Certificate> chain = CertificateFiles.readPem(subject.certificate, "--cert");
            return CanonicalDn.of(chain.get(0));
        }
        try {
            String canonical = CanonicalDn.parse(subject.dn);
            if (!canonical.equals(subject.dn)) {
                out().printf(FORMAT, "DN as given:", subject.dn);
            }
            return canonical;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "[--dn] value [%s] is not a DN: %s", subject.dn, e.getMessage());
        }
    }

    private CertificateIdentityPattern compile() {
        try {
            return CertificateIdentityPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "[--pattern] %s", e.getMessage());
        }
    }

    private Duration budget() {
        if (budgetMillis == null) {
            // The node's budget, so that the tool and the node reach the same verdict.
            return RemoteVerifySettings.PATTERN_TIMEOUT.defaultValue(Settings.EMPTY);
        }
        if (budgetMillis < 1) {
            throw CliException.usage("[--budget] is [%d]: it must be >= 1", budgetMillis);
        }
        return Duration.ofMillis(budgetMillis);
    }
}
