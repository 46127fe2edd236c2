package org.certbound.cli.certutil;

import org.certbound.cli.CliException;
import picocli.CommandLine.Option;

/** The {@code --key-type}, {@code --key-size} and {@code --curve} options. */
final class KeyOptions {

    @Option(
            names = "--key-type",
            paramLabel = "TYPE",
            description = "Key type: ${COMPLETION-CANDIDATES} (default: rsa).",
            converter = KeyAlgorithmConverter.class,
            completionCandidates = KeyAlgorithmConverter.Names.class)
    KeyAlgorithm algorithm = KeyAlgorithm.RSA;

    @Option(
            names = "--key-size",
            paramLabel = "BITS",
            description = "RSA modulus size: 2048, 3072 or 4096 (default: 2048).")
    Integer size;

    @Option(names = "--curve", paramLabel = "CURVE", description = "EC curve: P-256, P-384 or P-521 (default: P-256).")
    String curve;

    KeySpec toSpec() {
        try {
            return KeySpec.fromOptions(algorithm, size, curve);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        }
    }
}
