package org.certbound.server.remote.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.CertificateFingerprint;
import org.jspecify.annotations.Nullable;

/**
 * The certificate chain and algorithm a signature header claims, decoded without any verification.
 *
 * <p>Only rejections use it: the audit event and the trust diagnostics name the leaf a failed request presented.
 * Nothing here may decide whether a request is accepted.
 *
 * @param chain the {@code x5c} certificates, leaf first; empty when the header could not be decoded
 * @param algorithm the {@code alg} header value, or an empty string
 */
record PresentedChain(List<X509Certificate> chain, String algorithm) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PresentedChain NONE = new PresentedChain(List.of(), "");

    /** Decodes the protected header of a compact JWS, or returns an empty chain when it is malformed. */
    static PresentedChain decode(@Nullable String signatureHeader) {
        if (signatureHeader == null) {
            return NONE;
        }
        int dot = signatureHeader.indexOf('.');
        if (dot <= 0) {
            return NONE;
        }
        try {
            JsonNode header = MAPPER.readTree(Base64.getUrlDecoder().decode(signatureHeader.substring(0, dot)));
            return new PresentedChain(
                    certificates(header.path("x5c")), header.path("alg").asText(""));
        } catch (IOException | IllegalArgumentException | CertificateException e) {
            return NONE;
        }
    }

    /** Returns the claimed leaf, when one was decoded. */
    Optional<X509Certificate> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** Describes each certificate by subject, issuer and SHA-256 fingerprint, for a log line. */
    List<String> describe() {
        List<String> descriptions = new ArrayList<>(chain.size());
        for (X509Certificate certificate : chain) {
            descriptions.add(
                    "subject [" + CanonicalDn.of(certificate) + "] issuer [" + CanonicalDn.issuerOf(certificate)
                            + "] sha256 [" + CertificateFingerprint.sha256Hex(certificate) + "]");
        }
        return descriptions;
    }

    private static List<X509Certificate> certificates(JsonNode x5c) throws CertificateException {
        if (!x5c.isArray()) {
            return List.of();
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        // Bounded like the verifier's own limit, so a hostile header cannot make this loop long.
        for (int i = 0; i < Math.min(x5c.size(), 10); i++) {
            byte[] der = Base64.getDecoder().decode(x5c.get(i).asText(""));
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return certificates;
    }
}
