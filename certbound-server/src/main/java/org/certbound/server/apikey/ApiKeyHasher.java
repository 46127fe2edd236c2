package org.certbound.server.apikey;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes API key secrets for storage and verifies a secret against a stored hash.
 *
 * <p>Stored forms: {@code {SSHA256}<salt>$<hash>} (SHA-256 over a 16-byte random salt and the UTF-8 secret) and
 * {@code {PBKDF2}<iterations>$<salt>$<hash>} (PBKDF2 with HMAC-SHA-512), with Base64 salt and hash. Verification picks
 * the algorithm from the stored prefix, so changing the configured algorithm keeps old keys valid.
 *
 * <p>Security: the secrets are 128-bit random values, not passwords, so a salted SHA-256 is enough against offline
 * guessing; PBKDF2 is offered for operators whose policy asks for a key-stretching hash. Hashes are compared with
 * {@link MessageDigest#isEqual}, which takes time independent of where the inputs differ.
 */
public final class ApiKeyHasher {
    /** The hash algorithms for new keys. */
    public enum Algorithm {
        /** Salted SHA-256, about a microsecond per check. */
        SSHA256,
        /** PBKDF2 with HMAC-SHA-512 and {@value #PBKDF2_ITERATIONS} iterations, milliseconds per check. */
        PBKDF2;

        /** Returns the lowercase setting value, {@code ssha256} or {@code pbkdf2}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int PBKDF2_ITERATIONS = 10_000;
    private static final int SALT_LENGTH = 16;
    private static final int PBKDF2_KEY_BITS = 256;
    private static final String SSHA256_PREFIX = "{SSHA256}";
    private static final String PBKDF2_PREFIX = "{PBKDF2}";

    private final Algorithm algorithm;
    private final SecureRandom random;

    /** Creates a hasher that hashes new secrets with {@code algorithm}. */
    public ApiKeyHasher(Algorithm algorithm, SecureRandom random) {
        this.algorithm = algorithm;
        this.random = random;
    }

    /** Returns the algorithm for new hashes. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Hashes {@code secret} with a fresh salt; the result contains no part of the secret. */
    public String hash(char[] secret) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        if (algorithm == Algorithm.PBKDF2) {
            byte[] hash = pbkdf2(secret, salt, PBKDF2_ITERATIONS);
            return PBKDF2_PREFIX + PBKDF2_ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }
        return SSHA256_PREFIX + b64.encodeToString(salt) + "$" + b64.encodeToString(sha256(salt, secret));
    }

    /**
     * Checks {@code secret} against a hash that {@link #hash} produced, in time independent of where they differ.
     *
     * @return false for a wrong secret and for a stored value in an unknown form
     */
    public static boolean verify(char[] secret, String stored) {
        try {
            if (stored.startsWith(SSHA256_PREFIX)) {
                String[] parts = stored.substring(SSHA256_PREFIX.length()).split("\\$", -1);
                if (parts.length != 2) {
                    return false;
                }
                byte[] salt = Base64.getDecoder().decode(parts[0]);
                return MessageDigest.isEqual(
                        sha256(salt, secret), Base64.getDecoder().decode(parts[1]));
            }
            if (stored.startsWith(PBKDF2_PREFIX)) {
                String[] parts = stored.substring(PBKDF2_PREFIX.length()).split("\\$", -1);
                if (parts.length != 3) {
                    return false;
                }
                int iterations = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                return MessageDigest.isEqual(
                        pbkdf2(secret, salt, iterations), Base64.getDecoder().decode(parts[2]));
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns SHA-256 over {@code salt} followed by the UTF-8 bytes of {@code secret}. */
    static byte[] sha256(byte[] salt, char[] secret) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(utf8.duplicate());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        } finally {
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }

    private static byte[] pbkdf2(char[] secret, byte[] salt, int iterations) {
        if (iterations < 1 || iterations > 1_000_000) {
            throw new IllegalArgumentException("PBKDF2 iteration count out of range");
        }
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, PBKDF2_KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }
}
