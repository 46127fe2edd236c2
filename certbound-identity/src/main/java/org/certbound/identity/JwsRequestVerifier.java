package org.certbound.identity;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** {@link RequestVerifier} for format version 1; see {@code docs/wire-format.md}. */
final class JwsRequestVerifier implements RequestVerifier {
    /** Maximum length of the signature header value; ten large RSA certificates fit well inside. */
    static final int MAX_HEADER_LENGTH = 64 * 1024;

    // The JDK's codecs, which the JIT compiles to intrinsics; nimbus's own Base64 decoder was the largest cost of a
    // warm verification after the signature itself.
    private static final java.util.Base64.Decoder URL_DECODER = java.util.Base64.getUrlDecoder();
    private static final java.util.Base64.Encoder URL_ENCODER =
            java.util.Base64.getUrlEncoder().withoutPadding();
    private static final java.util.Base64.Decoder STANDARD_DECODER = java.util.Base64.getDecoder();
    private static final java.util.Base64.Encoder STANDARD_ENCODER = java.util.Base64.getEncoder();

    private final Supplier<ChainValidator> validators;
    private final long windowSeconds;
    private final Clock clock;
    private final NonceCache nonces;

    JwsRequestVerifier(
            Supplier<ChainValidator> validators,
            Duration window,
            Clock clock,
            int nonceCacheSize,
            @Nullable RequestVerifier predecessor,
            @Nullable Instant notSignedBefore) {
        this.validators = validators;
        this.windowSeconds = window.getSeconds();
        this.clock = clock;
        this.nonces = new NonceCache(nonceCacheSize, windowSeconds);
        if (predecessor instanceof JwsRequestVerifier previous) {
            nonces.inheritFrom(previous.nonces);
        }
        if (notSignedBefore != null) {
            nonces.rejectSignedBefore(notSignedBefore.getEpochSecond());
        }
    }

    @Override
    public VerifiedIdentity verify(@Nullable String signatureHeader, RequestClaims expected) throws IdentityException {
        Objects.requireNonNull(expected, "expected");
        Instant now = clock.instant();
        String[] parts = split(signatureHeader);
        ParsedHeader header = ParsedHeader.parse(parts[0]);

        checkRequest(header, expected);
        checkFreshness(header.signingTime(), now.getEpochSecond());
        ValidatedChain chain = validators.get().validateEncoded(header.chain(), now);
        checkAlgorithm(header.algorithm(), chain);

        byte[] payload = SignedPayload.encode(expected, header.signingTime(), header.nonce());
        byte[] signingInput =
                (parts[0] + "." + URL_ENCODER.encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
        checkSignature(header.algorithm(), chain, signingInput, decodeSignature(parts[2]));

        nonces.register(expected.credentialsDigest(), header.nonce(), header.signingTime(), now.getEpochSecond());
        return new VerifiedIdentity(chain, header.algorithm(), Instant.ofEpochSecond(header.signingTime()));
    }

    private static String[] split(@Nullable String value) throws IdentityException {
        if (value == null || value.isEmpty()) {
            throw new IdentityException(ReasonCode.MISSING_SIGNATURE, "the request carries no signature header");
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw malformed("the signature header is " + value.length() + " characters; at most " + MAX_HEADER_LENGTH
                    + " are accepted");
        }
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || value.indexOf('.', second + 1) >= 0) {
            throw malformed("the signature header is not a JWS in compact serialization (header..signature)");
        }
        if (second != first + 1) {
            throw malformed("the JWS payload part must be empty, because the payload is detached");
        }
        return new String[] {value.substring(0, first), "", value.substring(second + 1)};
    }

    private static void checkRequest(ParsedHeader header, RequestClaims expected) throws IdentityException {
        if (!header.action().equals(expected.action())) {
            throw new IdentityException(
                    ReasonCode.REQUEST_MISMATCH,
                    "the signature was made for action [" + header.action() + "] but the request is ["
                            + expected.action() + "]");
        }
        if (!header.targetCluster().equals(expected.targetCluster())) {
            throw new IdentityException(
                    ReasonCode.REQUEST_MISMATCH,
                    "the signature was made for cluster [" + header.targetCluster() + "] but this cluster is ["
                            + expected.targetCluster() + "]");
        }
    }

    private void checkFreshness(long signingTime, long now) throws IdentityException {
        long offset = signingTime - now;
        if (Math.abs(offset) > windowSeconds) {
            String direction = offset > 0 ? "ahead of" : "behind";
            throw new IdentityException(
                    ReasonCode.STALE_SIGNATURE,
                    "the signing time [" + Instant.ofEpochSecond(signingTime) + "] is " + Math.abs(offset) + "s "
                            + direction + " the verifier's clock [" + Instant.ofEpochSecond(now) + "]; the freshness"
                            + " window is " + windowSeconds + "s, so check both hosts' clocks if this repeats");
        }
    }

    private static void checkAlgorithm(SignatureAlgorithm algorithm, ValidatedChain chain) throws IdentityException {
        if (!chain.acceptedAlgorithms().contains(algorithm)) {
            throw new IdentityException(
                    ReasonCode.ALGORITHM_KEY_MISMATCH,
                    "algorithm [" + algorithm.jwsName() + "] does not fit the "
                            + KeyAlgorithms.describe(chain.leaf().getPublicKey()) + " key of certificate "
                            + CertificateFingerprint.describe(chain.leaf()) + "; expected one of "
                            + names(chain.acceptedAlgorithms()));
        }
    }

    private static void checkSignature(
            SignatureAlgorithm algorithm, ValidatedChain chain, byte[] signingInput, byte[] signature)
            throws IdentityException {
        try {
            JwsCrypto.verify(algorithm, chain.verificationKey(), signingInput, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(
                    ReasonCode.BAD_SIGNATURE,
                    "the signature does not verify with certificate " + CertificateFingerprint.describe(chain.leaf())
                            + " over this request: the credentials, subject info or body differ from what was"
                            + " signed, or the signature was altered",
                    e);
        }
    }

    private static byte[] decodeSignature(String part) throws IdentityException {
        byte[] signature = decodeCanonicalUrl(part, "the JWS signature part");
        if (signature.length == 0) {
            throw malformed("the JWS signature part is empty");
        }
        return signature;
    }

    private static List<String> names(Iterable<SignatureAlgorithm> algorithms) {
        List<String> names = new ArrayList<>();
        for (SignatureAlgorithm algorithm : algorithms) {
            names.add(algorithm.jwsName());
        }
        names.sort(null);
        return names;
    }

    /**
     * Decodes Base64url without padding and requires the text to be the one encoding of its bytes (RFC 7515, section
     * 2), so that no signature, header or nonce has a second spelling.
     */
    static byte[] decodeCanonicalUrl(String text, String what) throws IdentityException {
        byte[] bytes;
        try {
            bytes = text.indexOf('=') >= 0 ? null : URL_DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || !URL_ENCODER.encodeToString(bytes).equals(text)) {
            throw malformed(what + " is not Base64url without padding in its canonical form");
        }
        return bytes;
    }

    /** Decodes standard Base64 with padding, as RFC 7515 section 4.1.6 writes {@code x5c}, in its one canonical form. */
    static byte[] decodeCanonicalStandard(String text, String what) throws IdentityException {
        byte[] bytes;
        try {
            bytes = STANDARD_DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || !STANDARD_ENCODER.encodeToString(bytes).equals(text)) {
            throw malformed(what + " is not standard Base64 with padding in its canonical form");
        }
        return bytes;
    }

    static IdentityException malformed(String message) {
        return new IdentityException(ReasonCode.MALFORMED_SIGNATURE, message);
    }

    /** The protected header of a format version 1 signature, checked for shape only. */
    private record ParsedHeader(
            SignatureAlgorithm algorithm,
            long signingTime,
            String nonce,
            String action,
            String targetCluster,
            List<byte[]> chain) {

        static ParsedHeader parse(String encoded) throws IdentityException {
            Map<String, Object> json;
            JWSHeader header;
            try {
                json = JSONObjectUtils.parse(
                        new String(decodeCanonicalUrl(encoded, "the JWS header"), StandardCharsets.UTF_8));
            } catch (ParseException | RuntimeException e) {
                throw malformed("the JWS header is not a Base64url JSON object");
            }
            if (json.containsKey("b64") || json.containsKey("crit")) {
                throw malformed("the JWS header must not set [b64] or [crit]");
            }
            SignatureAlgorithm algorithm = algorithm(json.get("alg"));
            try {
                header = JWSHeader.parse(json, new Base64URL(encoded));
            } catch (ParseException | RuntimeException e) {
                throw new IdentityException(ReasonCode.MALFORMED_SIGNATURE, "the JWS header is invalid", e);
            }
            checkShape(header);
            return new ParsedHeader(
                    algorithm,
                    integer(header, JwsHeaders.SIGNING_TIME),
                    nonce(header),
                    string(header, JwsHeaders.ACTION),
                    string(header, JwsHeaders.TARGET_CLUSTER),
                    chain(header));
        }

        private static SignatureAlgorithm algorithm(Object name) throws IdentityException {
            if (!(name instanceof String text)) {
                throw malformed("the JWS header has no [alg] string");
            }
            return SignatureAlgorithm.forJwsName(text)
                    .orElseThrow(() -> new IdentityException(
                            ReasonCode.UNSUPPORTED_ALGORITHM,
                            "algorithm [" + text + "] is not supported; expected one of"
                                    + " [PS256, RS256, ES256, ES384, ES512, EdDSA]"));
        }

        private static void checkShape(JWSHeader header) throws IdentityException {
            Object version = header.getCustomParam(JwsHeaders.VERSION);
            if (version == null) {
                throw malformed("the JWS header has no [cbv] format version");
            }
            if (!isInteger(version) || ((Number) version).longValue() != SignedPayload.VERSION) {
                throw new IdentityException(
                        ReasonCode.UNSUPPORTED_VERSION,
                        "format version [" + version + "] is not supported; this node implements version "
                                + SignedPayload.VERSION);
            }
            if (!JwsRequestSigner.TYPE.equals(header.getType())) {
                throw malformed(
                        "the JWS header [typ] must be [" + JwsRequestSigner.TYPE + "], got [" + header.getType() + "]");
            }
        }

        private static long integer(JWSHeader header, String name) throws IdentityException {
            Object value = header.getCustomParam(name);
            if (isInteger(value)) {
                return ((Number) value).longValue();
            }
            throw malformed("the JWS header parameter [" + name + "] must be an integer");
        }

        /** Accepts JSON integers only: {@code 1.0} parses as a floating-point number and is refused. */
        private static boolean isInteger(@Nullable Object value) {
            return value instanceof Long || value instanceof Integer;
        }

        private static String string(JWSHeader header, String name) throws IdentityException {
            Object value = header.getCustomParam(name);
            if (value instanceof String text && !text.isEmpty()) {
                return text;
            }
            throw malformed("the JWS header parameter [" + name + "] must be a non-empty string");
        }

        private static String nonce(JWSHeader header) throws IdentityException {
            String nonce = string(header, JwsHeaders.NONCE);
            int length;
            try {
                length = decodeCanonicalUrl(nonce, "the JWS header [nonce]").length;
            } catch (IdentityException e) {
                length = -1;
            }
            if (length < 16 || length > 64) {
                throw malformed("the JWS header [nonce] must be Base64url without padding of 16 to 64 bytes");
            }
            return nonce;
        }

        private static List<byte[]> chain(JWSHeader header) throws IdentityException {
            List<Base64> x5c = header.getX509CertChain();
            if (x5c == null || x5c.isEmpty()) {
                throw malformed("the JWS header has no [x5c] certificate chain");
            }
            if (x5c.size() > ChainValidator.MAX_CHAIN_LENGTH) {
                throw malformed("the [x5c] chain contains " + x5c.size() + " certificates; at most "
                        + ChainValidator.MAX_CHAIN_LENGTH + " are accepted");
            }
            List<byte[]> chain = new ArrayList<>(x5c.size());
            for (Base64 certificate : x5c) {
                byte[] der = decodeCanonicalStandard(certificate.toString(), "an [x5c] entry");
                if (der.length == 0) {
                    throw malformed("an [x5c] entry is empty");
                }
                chain.add(der);
            }
            return chain;
        }
    }
}
