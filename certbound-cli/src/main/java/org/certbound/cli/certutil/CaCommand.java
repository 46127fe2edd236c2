package org.certbound.cli.certutil;

import java.nio.file.Path;
import java.time.Instant;
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

/** {@code certbound certutil ca}: makes a self-signed root CA, or an intermediate CA signed by another CA. */
@Command(
        name = "ca",
        mixinStandardHelpOptions = true,
        description = "Makes a certificate authority: a self-signed root, or with --ca-cert/--ca-key or --ca an"
                + " intermediate signed by that CA. Writes NAME.crt and NAME.key (PEM) or NAME.p12 (PKCS#12)"
                + " in --out-dir.",
        footer = {
            "",
            "Passwords come from --pass-stdin, --pass-env NAME or a prompt that does not echo; never from an argument.",
            "",
            "Exit codes: 0 written, 2 usage or input error."
        })
public final class CaCommand extends ToolCommand {

    @Option(names = "--dn", paramLabel = "DN", description = "Subject DN in RFC 2253 form (default: ${DEFAULT-VALUE}).")
    String dn = "CN=certbound CA";

    @Option(
            names = "--path-length",
            paramLabel = "N",
            description = "Maximum number of CAs below this one (basicConstraints pathLen); default: no limit.")
    Integer pathLength;

    @Mixin
    KeyOptions key = new KeyOptions();

    @Mixin
    ValidityOptions validity = new ValidityOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @ArgGroup(exclusive = false, heading = "Issuer, for an intermediate CA:%n")
    IssuerOptions issuer;

    /** Creates the command on the process's terminal. */
    public CaCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public CaCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        Optional<IssuedCertificate> parent = Optional.ofNullable(issuer).map(i -> i.load(terminal()));
        Instant[] period = validity.resolve(Instant.now(), 1095);
        CertificateSpec spec;
        try {
            spec = CertificateSpec.builder(dn)
                    .key(key.toSpec())
                    .validity(period[0], period[1])
                    .ca(pathLength == null ? -1 : pathLength)
                    .build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        }
        IssuedCertificate created = make(spec, parent);
        List<Path> files = CertificateWriter.write(terminal(), output, "ca", created, created.chain());
        CertificateWriter.printSummary(
                out(), parent.isPresent() ? "intermediate CA" : "root CA", created.leaf(), files);
        return ExitCodes.OK;
    }

    static IssuedCertificate make(CertificateSpec spec, Optional<IssuedCertificate> parent) {
        try {
            return CertificateMaker.make(spec, parent);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        }
    }
}
