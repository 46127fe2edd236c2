package org.certbound.server.remote.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.CertificateFingerprint;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.DnExplanation;
import org.certbound.identity.IdentityException;
import org.certbound.identity.ReasonCode;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.VerifiedIdentity;
import org.certbound.server.audit.AuditCertificate;
import org.certbound.server.audit.AuditEvent;
import org.certbound.server.audit.AuditEventType;
import org.certbound.server.audit.AuditTrail;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification pipeline of the fulfilling cluster, in the order {@link CrossClusterAuthenticator} describes.
 *
 * <p>Decision matrix for signatures: a key with a {@code certificate_identity} and an unsigned request is rejected
 * with {@code missing_signature}; a signed request is verified in full whatever the key, and a bad signature is
 * rejected even when the key needs none, but the DN is matched only when the key has a pattern; an unsigned request
 * for a key without a pattern is accepted, as in Elasticsearch's API key model.
 *
 * <p>Every rejection is logged at DEBUG with the operator reason and audited as {@code authentication_failed} with
 * the key id, the remote address and, for signed requests, the presented leaf's DN and fingerprint. Chain failures
 * are also described at WARN when {@code cluster.remote.signing.diagnose.trust} is true.
 */
public final class CrossClusterAuthenticationService implements CrossClusterAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(CrossClusterAuthenticationService.class);

    /** The identity library's codes that mean the chain, not the signature, was rejected. */
    private static final Set<ReasonCode> CHAIN_FAILURES = Set.of(
            ReasonCode.UNTRUSTED_CHAIN,
            ReasonCode.CERTIFICATE_EXPIRED,
            ReasonCode.CERTIFICATE_NOT_YET_VALID,
            ReasonCode.WEAK_ALGORITHM,
            ReasonCode.KEY_USAGE_NOT_PERMITTED);

    /** The user a handshake runs as; a handshake carries no querying user. */
    static final String HANDSHAKE_USER = "_system";

    private final CrossClusterKeyService keys;
    private final TrustConfigManager trust;
    private final AuditTrail audit;

    /**
     * Creates the pipeline.
     *
     * @param keys authenticates the API key
     * @param trust the trust anchors, the verifier and the pattern budget
     * @param audit receives every outcome
     */
    public CrossClusterAuthenticationService(CrossClusterKeyService keys, TrustConfigManager trust, AuditTrail audit) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public VerifiedCrossClusterRequest authenticate(CrossClusterRequest request) throws CrossClusterAccessException {
        String keyId = null;
        try {
            checkAction(request);
            try (CredentialsHeader credentials = CredentialsHeader.parse(request.credentials())) {
                keyId = credentials.keyId();
                AuthenticatedCrossClusterKey key = authenticateKey(credentials);
                keyId = key.id();
                VerifiedIdentity identity = verifySignature(request, key);
                VerifiedCrossClusterRequest verified = withSubject(request, key, identity);
                auditSuccess(request, verified);
                return verified;
            }
        } catch (CrossClusterAccessException e) {
            auditFailure(request, e, keyId);
            throw e;
        }
    }

    @Override
    public Map<String, IndexAccessControl> authorize(
            CrossClusterRequest request, VerifiedCrossClusterRequest verified, Collection<String> indices)
            throws CrossClusterAccessException {
        Map<String, IndexAccessControl> granted = new LinkedHashMap<>();
        for (String index : indices) {
            try {
                granted.put(index, verified.authorize(request.action(), index));
            } catch (CrossClusterAccessException e) {
                audit.record(event(AuditEventType.ACCESS_DENIED, request)
                        .userName(verified.username())
                        .apiKeyId(verified.apiKeyId())
                        .reason(e.code(), e.operatorReason())
                        .index(index)
                        .certificate(certificateOf(verified.identity()))
                        .build());
                LOG.debug("[{}] {}", request.requestId(), e.operatorReason());
                throw e;
            }
        }
        audit.record(event(AuditEventType.ACCESS_GRANTED, request)
                .userName(verified.username())
                .apiKeyId(verified.apiKeyId())
                .index(indices.isEmpty() ? null : String.join(",", indices))
                .certificate(certificateOf(verified.identity()))
                .build());
        return granted;
    }

    private static void checkAction(CrossClusterRequest request) throws CrossClusterAccessException {
        if (!CrossClusterActions.isAllowed(request.action())) {
            throw CrossClusterAccessException.forbidden(
                    FailureCodes.ACTION_NOT_ALLOWED,
                    "action [" + request.action() + "] is not allowed on the remote cluster port; allowed actions are "
                            + CrossClusterActions.ALLOWED.stream().sorted().toList(),
                    null);
        }
    }

    private AuthenticatedCrossClusterKey authenticateKey(CredentialsHeader credentials)
            throws CrossClusterAccessException {
        return keys.authenticate(credentials.unsafeEncoded());
    }

    private @Nullable VerifiedIdentity verifySignature(CrossClusterRequest request, AuthenticatedCrossClusterKey key)
            throws CrossClusterAccessException {
        CertificateIdentityPattern pattern = key.certificateIdentity();
        if (!request.isSigned()) {
            if (pattern == null) {
                return null;
            }
            throw CrossClusterAccessException.unauthenticated(
                    FailureCodes.MISSING_SIGNATURE,
                    "API key [" + key.id() + "] requires a signed request from a certificate matching its"
                            + " certificate identity, but the request is not signed; configure"
                            + " [cluster.remote.<alias>.signing.certificate] and [.key] on the querying cluster",
                    key.id());
        }
        if (!trust.isTrustConfigured()) {
            throw CrossClusterAccessException.unauthenticated(
                    FailureCodes.NO_TRUST_CONFIGURED,
                    "the request for API key [" + key.id() + "] is signed, but the remote cluster trusts no certificate"
                            + " authority for request signatures; its operator must set"
                            + " [cluster.remote.signing.certificate_authorities]",
                    key.id());
        }
        VerifiedIdentity identity = verify(request, key.id());
        if (pattern != null) {
            checkPattern(pattern, identity, key.id());
        }
        return identity;
    }

    private VerifiedIdentity verify(CrossClusterRequest request, String keyId) throws CrossClusterAccessException {
        RequestClaims expected = RequestClaims.of(
                request.action(),
                request.targetCluster(),
                Objects.requireNonNull(request.credentials()),
                request.subjectInfo() == null ? "" : request.subjectInfo(),
                request.body());
        try {
            return trust.verifier().verify(request.signature(), expected);
        } catch (IdentityException e) {
            PresentedChain presented = PresentedChain.decode(request.signature());
            if (CHAIN_FAILURES.contains(e.reason()) && trust.diagnoseTrust()) {
                logTrustDiagnostics(request, presented, e);
            }
            throw signatureFailure(e, presented, keyId);
        }
    }

    private void checkPattern(CertificateIdentityPattern pattern, VerifiedIdentity identity, String keyId)
            throws CrossClusterAccessException {
        try {
            pattern.check(identity.canonicalDn(), trust.patternTimeout());
        } catch (IdentityException e) {
            String peer = e.reason() == ReasonCode.PATTERN_TIMEOUT
                    ? "matching the signing certificate DN [" + identity.canonicalDn() + "] against the certificate"
                            + " identity of API key [" + keyId + "] timed out"
                    : "the signing certificate DN [" + identity.canonicalDn() + "] does not match the certificate"
                            + " identity of API key [" + keyId + "]";
            DnExplanation explanation = CertificateIdentityPattern.explain(identity.canonicalDn(), pattern.pattern());
            String operator = e.getMessage() + "; certificate sha256 [" + identity.fingerprint() + "]"
                    + (explanation.reasons().isEmpty() ? "" : "; " + String.join("; ", explanation.reasons()))
                    + "; a pattern that matches exactly this DN is [" + explanation.suggestedPattern() + "]";
            throw new CrossClusterAccessException(e.reason().code(), 401, peer, operator, keyId, e);
        }
    }

    private VerifiedCrossClusterRequest withSubject(
            CrossClusterRequest request, AuthenticatedCrossClusterKey key, @Nullable VerifiedIdentity identity)
            throws CrossClusterAccessException {
        String encoded = request.subjectInfo();
        if (encoded == null && CrossClusterActions.HANDSHAKE.equals(request.action())) {
            return new VerifiedCrossClusterRequest(
                    key.id(), key.name(), HANDSHAKE_USER, HANDSHAKE_USER, identity, key.roles(), List.of(List.of()));
        }
        if (encoded == null) {
            throw CrossClusterAccessException.unauthenticated(
                    FailureCodes.INVALID_SUBJECT_INFO,
                    "the request for API key [" + key.id() + "] has no subject info header naming the querying user",
                    key.id());
        }
        try {
            SubjectInfo subject = SubjectInfo.decode(encoded);
            return new VerifiedCrossClusterRequest(
                    key.id(), key.name(), subject.username(), subject.realm(), identity, key.roles(), rolesOf(subject));
        } catch (RuntimeException e) {
            // Role descriptor parse errors are ApiExceptions; every decoding failure means the same to the peer.
            throw new CrossClusterAccessException(
                    FailureCodes.INVALID_SUBJECT_INFO,
                    401,
                    "the subject info of the request for API key [" + key.id() + "] is invalid: " + e.getMessage(),
                    "the subject info of the request for API key [" + key.id() + "] is invalid: " + e.getMessage(),
                    key.id(),
                    e);
        }
    }

    private static List<List<RoleDescriptor>> rolesOf(SubjectInfo subject) {
        List<List<RoleDescriptor>> sets = new ArrayList<>();
        for (Map<String, JsonNode> set : subject.roleDescriptorSets()) {
            ObjectNode roles = JsonNodeFactory.instance.objectNode();
            set.forEach(roles::set);
            sets.add(RoleDescriptors.parse(roles));
        }
        return sets;
    }

    private static CrossClusterAccessException signatureFailure(
            IdentityException e, PresentedChain presented, String keyId) {
        String certificate = presented
                .leaf()
                .map(leaf -> " (signing certificate [" + CanonicalDn.of(leaf) + "] sha256 ["
                        + CertificateFingerprint.sha256Hex(leaf) + "])")
                .orElse("");
        String peer = e.reason().description() + " for API key [" + keyId + "]" + certificate;
        if (e.reason() == ReasonCode.STALE_SIGNATURE || e.reason() == ReasonCode.REPLAYED_NONCE) {
            // Which time rule failed is about the request's own signing time, not about this cluster's trust, and
            // the querying side's operator needs it to tell a clock problem from a restart or a full cache.
            peer = peer + ": " + e.getMessage();
        }
        return new CrossClusterAccessException(e.reason().code(), 401, peer, e.getMessage(), keyId, e);
    }

    private void logTrustDiagnostics(CrossClusterRequest request, PresentedChain presented, IdentityException e) {
        LOG.warn(
                "[{}] the signing certificate chain from [{}] was rejected ({}): presented chain {}; trusted"
                        + " authorities from {}: {} sha256 {}; the trust comes from [{}] or [{}]",
                request.requestId(),
                request.remoteAddress(),
                e.getMessage(),
                presented.describe(),
                trust.trustAnchors().source(),
                trust.trustAnchors().subjects(),
                trust.trustAnchors().fingerprints(),
                RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(),
                RemoteVerifySettings.TRUSTSTORE_PATH.key());
        trust.breadthWarning().ifPresent(warning -> LOG.warn("[{}] {}", request.requestId(), warning));
    }

    private void auditSuccess(CrossClusterRequest request, VerifiedCrossClusterRequest verified) {
        audit.record(event(AuditEventType.AUTHENTICATION_SUCCESS, request)
                .userName(verified.username())
                .apiKeyId(verified.apiKeyId())
                .certificate(certificateOf(verified.identity()))
                .build());
    }

    private void auditFailure(CrossClusterRequest request, CrossClusterAccessException e, @Nullable String keyId) {
        LOG.debug(
                "[{}] rejected cross-cluster request from [{}] for action [{}]: [{}] {}",
                request.requestId(),
                request.remoteAddress(),
                request.action(),
                e.code(),
                e.operatorReason());
        PresentedChain presented = PresentedChain.decode(request.signature());
        audit.record(event(AuditEventType.AUTHENTICATION_FAILED, request)
                .apiKeyId(e.apiKeyId() != null ? e.apiKeyId() : keyId)
                .reason(e.code(), e.operatorReason())
                .certificate(presented
                        .leaf()
                        .map(leaf -> certificateOf(leaf, presented.algorithm()))
                        .orElse(null))
                .build());
    }

    private static AuditEvent.Builder event(AuditEventType type, CrossClusterRequest request) {
        return AuditEvent.builder(type, AuditEvent.ORIGIN_REMOTE_CLUSTER, request.requestId(), request.action())
                .originAddress(request.remoteAddress());
    }

    private static @Nullable AuditCertificate certificateOf(@Nullable VerifiedIdentity identity) {
        if (identity == null) {
            return null;
        }
        return new AuditCertificate(
                identity.canonicalDn(),
                identity.fingerprint(),
                identity.algorithm().jwsName());
    }

    private static AuditCertificate certificateOf(X509Certificate leaf, String algorithm) {
        return new AuditCertificate(CanonicalDn.of(leaf), CertificateFingerprint.sha256Hex(leaf), algorithm);
    }
}
