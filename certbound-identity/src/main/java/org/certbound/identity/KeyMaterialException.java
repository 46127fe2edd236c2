package org.certbound.identity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration error found while loading keys, certificates or trust anchors.
 *
 * <p>The message names the file, the setting it came from and, where one is involved, the certificate (subject and
 * SHA-256 fingerprint). It never contains key material or passwords. {@link #kind()} distinguishes the failures for
 * callers and tests.
 */
public final class KeyMaterialException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Category of a key material failure. */
    public enum Kind {
        /** The file does not exist or cannot be read. */
        FILE_UNREADABLE,
        /** The file contains no PEM block, or a block whose content is not valid DER of the expected structure. */
        MALFORMED_PEM,
        /** The file contains a PEM block of another type than expected, for example a certificate given as the key. */
        UNEXPECTED_PEM_TYPE,
        /** The file contains more than one private key. */
        MULTIPLE_KEYS,
        /** The key is encrypted but no passphrase is configured. */
        MISSING_PASSPHRASE,
        /** The passphrase does not decrypt the key. */
        WRONG_PASSPHRASE,
        /** The key is encrypted with OpenSSL's legacy PEM encryption ({@code Proc-Type}/{@code DEK-Info}). */
        LEGACY_ENCRYPTED_PEM,
        /** The keystore cannot be parsed as the given or inferred type. */
        MALFORMED_KEYSTORE,
        /** The keystore password is wrong. */
        WRONG_STORE_PASSWORD,
        /** The key password of the selected entry is wrong. */
        WRONG_KEY_PASSWORD,
        /** The configured alias does not name a private key entry. */
        ALIAS_NOT_FOUND,
        /** The keystore contains several private keys and no alias is configured. */
        ALIAS_REQUIRED,
        /** The file or keystore contains no private key. */
        NO_PRIVATE_KEY,
        /** No certificate was found where one is required. */
        NO_CERTIFICATE,
        /** A certificate cannot be parsed. */
        MALFORMED_CERTIFICATE,
        /** The private key does not belong to the leaf certificate. */
        KEY_CERTIFICATE_MISMATCH,
        /** The key type is not RSA, EC or Ed25519. */
        UNSUPPORTED_KEY_TYPE,
        /** The EC curve is not P-256, P-384 or P-521, or the signature provider cannot sign with it. */
        UNSUPPORTED_CURVE,
        /** The key is too small to be safe (RSA below 2048 bits). */
        WEAK_KEY,
        /** A trust configuration contains no certificate authority. */
        EMPTY_TRUST,
        /** The signing certificate has expired or is not valid yet, so every remote cluster would reject it. */
        CERTIFICATE_NOT_CURRENT,
        /**
         * The leaf cannot sign requests (a CA certificate, or a key usage without digitalSignature), or the chain is
         * not in issuing order, so every remote cluster would reject it.
         */
        NOT_A_SIGNING_CERTIFICATE
    }

    private final Kind kind;

    /** Creates an exception of {@code kind} with a message that names the file and setting. */
    public KeyMaterialException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** Creates an exception of {@code kind} with a message that names the file and setting, and its cause. */
    public KeyMaterialException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Returns the category of the failure. */
    public Kind kind() {
        return kind;
    }
}
