package org.certbound.identity.testing;

/** PEM encodings of a private key, as operators' tools write them. */
public enum KeyFormat {
    /** {@code BEGIN PRIVATE KEY}, as {@code openssl genpkey} writes. */
    PKCS8,
    /** {@code BEGIN ENCRYPTED PRIVATE KEY} with PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC. */
    PKCS8_ENCRYPTED,
    /** {@code BEGIN RSA PRIVATE KEY}, as {@code openssl genrsa -traditional} writes; RSA only. */
    PKCS1,
    /** {@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey -noout} writes; EC only. */
    SEC1,
    /** {@code BEGIN EC PARAMETERS} then {@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes. */
    SEC1_WITH_PARAMETERS,
    /** PKCS#1 or SEC1 with {@code Proc-Type} and {@code DEK-Info} headers (OpenSSL's legacy encryption). */
    LEGACY_ENCRYPTED
}
