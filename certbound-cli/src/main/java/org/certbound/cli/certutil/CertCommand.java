package org.certbound.cli.certutil;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbound.cli.CliException;
import org.certbound.cli.ExitCodes;
import org.certbound.cli.Terminal;
import org.certbound.cli.ToolCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code certbound certutil cert}: makes a TLS and request-signing certificate signed by a CA. */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        description = "Makes a certificate signed by a CA, fit for TLS (serverAuth, clientAuth) and for signing"
                + " cross-cluster requests (digitalSignature). Writes NAME.crt (the chain, leaf first, without a"
                + " self-signed root) and NAME.key (PEM), or NAME.p12 (PKCS#12), in --out-dir.",
        footer = {
            "",
            "Elastic Cloud's transport DN form, which certificate_identity patterns often target:",
            "  certbound certutil cert --ca-cert ca.crt --ca-key ca.key \\",
            "      --dn 'CN=node-1.node.cluster-a.cluster.org-1' --name node",
            "",
            "Passwords come from --pass-stdin, --pass-env NAME or a prompt that does not echo; never from an argument.",
            "With both --ca-pass-stdin and --pass-stdin, the first line of standard input is the CA password.",
            "",
            "Exit codes: 0 written, 2 usage or input error."
        })
public final class CertCommand extends ToolCommand {

    @Option(
            names = "--dn",
            required = true,
            paramLabel = "DN",
            description = "Subject DN in RFC 2253 form, e.g. CN=node-1,O=Example.")
    String dn;

    @Option(
            names = "--dns",
            paramLabel = "NAME",
            split = ",",
            description = "DNS subject alternative names (repeat or comma-separate).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", split = ",", description = "IP address subject alternative names.")
    List<String> ipAddresses = new ArrayList<>();

    @Mixin
    KeyOptions key = new KeyOptions();

    @Mixin
    ValidityOptions validity = new ValidityOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @ArgGroup(exclusive = false, heading = "Issuer (required):%n")
    IssuerOptions issuer;

    /** Creates the command on the process's terminal. */
    public CertCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public CertCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        if (issuer == null) {
            throw CliException.usage("the issuing CA is missing: pass [--ca-cert FILE --ca-key FILE] or [--ca FILE]");
        }
        IssuedCertificate ca = issuer.load(terminal());
        Instant[] period = validity.resolve(Instant.now(), 365);
        CertificateSpec spec;
        try {
            spec = CertificateSpec.builder(dn)
                    .key(key.toSpec())
                    .validity(period[0], period[1])
                    .dnsNames(dnsNames)
                    .ipAddresses(ipAddresses)
                    .build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        }
        IssuedCertificate created = CaCommand.make(spec, Optional.of(ca));
        List<X509Certificate> shipped = new ArrayList<>();
        shipped.add(created.leaf());
        shipped.addAll(ca.issuingChain());
        List<Path> files = CertificateWriter.write(terminal(), output, "node", created, shipped);
        CertificateWriter.printSummary(out(), "certificate", created.leaf(), files);
        return ExitCodes.OK;
    }
}
