package org.certbound.cli.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.certbound.cli.ExitCodes;
import org.certbound.cli.SecretInput;
import org.certbound.cli.Terminal;
import org.certbound.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certbound identity show FILE}: prints the identity details a fulfilling cluster reads from each certificate of a chain. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        header = "Prints the canonical DN, names, validity, key and fingerprint of each certificate.",
        description = "Prints, for each certificate of a PEM chain or a PKCS#12/JKS entry: the canonical DN"
                + " (RFC 2253, the form certificate_identity is matched against), issuer, subject alternative names,"
                + " validity, key type, signature algorithm and SHA-256 fingerprint, and for the leaf the escaped"
                + " pattern that matches exactly its DN.",
        footer = {
            "",
            "The canonical DN equals what 'openssl x509 -noout -subject -nameopt RFC2253' prints for ASCII DNs with",
            "single-valued RDNs; for emailAddress, multi-valued RDNs and non-ASCII text trust this command instead.",
            "",
            "Exit codes: 0 shown, 2 usage or input error."
        })
public final class ShowCommand extends ToolCommand {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "PEM certificate or chain (leaf first), or a .p12/.pfx/.jks keystore.")
    Path file;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "Keystore entry to show when the keystore has several.")
    String alias;

    @Option(names = "--pass-stdin", description = "Read the keystore password from a line of standard input.")
    boolean passStdin;

    @Option(
            names = "--pass-env",
            paramLabel = "NAME",
            description = "Read the keystore password from environment variable NAME.")
    String passEnv;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            description = "Judge validity at this ISO-8601 instant instead of now, e.g. 2030-01-01T00:00:00Z.")
    String at;

    /** Creates the command on the process's terminal. */
    public ShowCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public ShowCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        Instant now = Instants.parseOrNow("--at", at);
        List<X509Certificate> chain = load();
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out().println();
            }
            CertificateDescriber.describe(out(), chain.get(i), i, chain.size(), now);
        }
        out().flush();
        return ExitCodes.OK;
    }

    private List<X509Certificate> load() {
        if (!CertificateFiles.isKeystore(file)) {
            return CertificateFiles.readPem(file, "FILE");
        }
        CertificateFiles.requireReadable(file, "FILE");
        char[] password = SecretInput.resolve(
                terminal(), "keystore password", "--pass-stdin", passStdin, "--pass-env", passEnv, false);
        try {
            return CertificateFiles.readKeystoreChain(file, alias, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
