package org.certbound.cli.certutil;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The algorithm and size of a key to generate.
 *
 * @param algorithm the key type
 * @param rsaBits the RSA modulus size in bits; 0 for other types
 * @param curve the EC curve name ({@code P-256}, {@code P-384}, {@code P-521}); empty for other types
 */
public record KeySpec(KeyAlgorithm algorithm, int rsaBits, String curve) {

    /** RSA modulus sizes certutil accepts. */
    public static final List<Integer> RSA_SIZES = List.of(2048, 3072, 4096);

    private static final Map<String, String> CURVES = Map.of(
            "P-256", "secp256r1",
            "P-384", "secp384r1",
            "P-521", "secp521r1");

    /** Validates the combination of algorithm, size and curve. */
    public KeySpec {
        switch (algorithm) {
            case RSA -> {
                if (!RSA_SIZES.contains(rsaBits)) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT, "RSA key size [%d] is not supported: use one of %s", rsaBits, RSA_SIZES));
                }
                if (!curve.isEmpty()) {
                    throw new IllegalArgumentException("a curve applies to EC keys only, not to RSA");
                }
            }
            case EC -> {
                if (!CURVES.containsKey(curve)) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "EC curve [%s] is not supported: use one of %s",
                            curve,
                            List.of("P-256", "P-384", "P-521")));
                }
                if (rsaBits != 0) {
                    throw new IllegalArgumentException("a key size applies to RSA keys only, not to EC");
                }
            }
            case ED25519 -> {
                if (rsaBits != 0 || !curve.isEmpty()) {
                    throw new IllegalArgumentException("Ed25519 keys take neither a key size nor a curve");
                }
            }
        }
    }

    /** Returns an RSA key spec. */
    public static KeySpec rsa(int bits) {
        return new KeySpec(KeyAlgorithm.RSA, bits, "");
    }

    /** Returns an EC key spec on the named curve ({@code P-256}, {@code P-384} or {@code P-521}). */
    public static KeySpec ec(String curve) {
        return new KeySpec(KeyAlgorithm.EC, 0, curve.toUpperCase(Locale.ROOT));
    }

    /** Returns an Ed25519 key spec. */
    public static KeySpec ed25519() {
        return new KeySpec(KeyAlgorithm.ED25519, 0, "");
    }

    /**
     * Builds a spec from command-line values, applying the defaults (RSA 2048, curve P-256).
     *
     * @param sizeOrNull {@code --key-size}, or null when not given
     * @param curveOrNull {@code --curve}, or null when not given
     */
    public static KeySpec fromOptions(KeyAlgorithm algorithm, Integer sizeOrNull, String curveOrNull) {
        return switch (algorithm) {
            case RSA -> {
                requireAbsent(curveOrNull, "--curve", "rsa");
                yield rsa(sizeOrNull == null ? 2048 : sizeOrNull);
            }
            case EC -> {
                requireAbsent(sizeOrNull, "--key-size", "ec");
                yield ec(curveOrNull == null ? "P-256" : curveOrNull);
            }
            case ED25519 -> {
                requireAbsent(sizeOrNull, "--key-size", "ed25519");
                requireAbsent(curveOrNull, "--curve", "ed25519");
                yield ed25519();
            }
        };
    }

    /** Generates a fresh key pair of this spec. */
    public KeyPair generate() {
        try {
            return switch (algorithm) {
                case RSA -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(rsaBits);
                    yield generator.generateKeyPair();
                }
                case EC -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(CURVES.get(curve)));
                    yield generator.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK cannot generate a key of " + this, e);
        }
    }

    @Override
    public String toString() {
        return switch (algorithm) {
            case RSA -> "RSA " + rsaBits;
            case EC -> "EC " + curve;
            case ED25519 -> "Ed25519";
        };
    }

    private static void requireAbsent(Object value, String option, String keyType) {
        if (value != null) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "[%s] does not apply to key type [%s]: remove it", option, keyType));
        }
    }
}
