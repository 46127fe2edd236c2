package org.certbound.cli.certutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code rsa}, {@code ec} and {@code ed25519}, in any case. */
final class KeyAlgorithmConverter implements CommandLine.ITypeConverter<KeyAlgorithm> {

    @Override
    public KeyAlgorithm convert(String value) {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.cliName().equals(value.toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new CommandLine.TypeConversionException(
                String.format(Locale.ROOT, "key type [%s] is not supported: use one of %s", value, new Names()));
    }

    /** The names picocli lists in help. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(List.of("rsa", "ec", "ed25519"));
        }
    }
}
