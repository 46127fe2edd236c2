package org.certbound.cli.certutil;

import java.util.Locale;

/** The key types certutil generates. */
public enum KeyAlgorithm {
    /** RSA, 2048 bits or more; TLS certificates get {@code keyEncipherment} as well as {@code digitalSignature}. */
    RSA,
    /** ECDSA on a NIST curve (P-256, P-384 or P-521). */
    EC,
    /** EdDSA with Ed25519; fit for request signing, not accepted by every TLS peer. */
    ED25519;

    /** Returns the lowercase name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
