package org.certbound.cli.certutil;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.util.IPAddress;

/**
 * The contents of a new certificate: subject, key, validity, subject alternative names, and whether it is a CA.
 *
 * <p>Build one with {@link #builder(String)}; {@link Builder#build()} validates every field together.
 */
public final class CertificateSpec {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?" + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    private final X500Principal subject;
    private final KeySpec key;
    private final Instant notBefore;
    private final Instant notAfter;
    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final boolean ca;
    private final int pathLength;

    private CertificateSpec(Builder builder) {
        this.subject = builder.subject;
        this.key = builder.key;
        this.notBefore = builder.notBefore;
        this.notAfter = builder.notAfter;
        this.dnsNames = List.copyOf(builder.dnsNames);
        this.ipAddresses = List.copyOf(builder.ipAddresses);
        this.ca = builder.ca;
        this.pathLength = builder.pathLength;
    }

    /**
     * Starts a spec for the given subject DN in RFC 2253 form, for example {@code CN=node-1,O=Example}.
     *
     * @throws IllegalArgumentException when the DN does not parse, with a hint for OpenSSL's slash form
     */
    public static Builder builder(String subjectDn) {
        return new Builder(parseDn(subjectDn));
    }

    /** Parses a DN in RFC 2253 or RFC 1779 form, rejecting OpenSSL's {@code /C=../CN=..} form with a hint. */
    public static X500Principal parseDn(String dn) {
        Objects.requireNonNull(dn, "dn");
        if (dn.isBlank()) {
            throw new IllegalArgumentException("the DN is empty: give one such as [CN=node-1,O=Example]");
        }
        if (dn.startsWith("/")) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "DN [%s] is in OpenSSL's slash form: write it most specific first with commas, as in [%s]",
                    dn,
                    slashToRfc2253(dn)));
        }
        try {
            return new X500Principal(dn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "DN [%s] is invalid: %s", dn, e.getMessage()), e);
        }
    }

    private static String slashToRfc2253(String slashDn) {
        List<String> parts = new ArrayList<>(List.of(slashDn.substring(1).split("/")));
        Collections.reverse(parts);
        return String.join(",", parts);
    }

    /** Returns the subject DN. */
    public X500Principal subject() {
        return subject;
    }

    /** Returns the key to generate. */
    public KeySpec key() {
        return key;
    }

    /** Returns the start of the validity period. */
    public Instant notBefore() {
        return notBefore;
    }

    /** Returns the end of the validity period. */
    public Instant notAfter() {
        return notAfter;
    }

    /** Returns the DNS subject alternative names. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** Returns the IP address subject alternative names, as literals. */
    public List<String> ipAddresses() {
        return ipAddresses;
    }

    /** Returns whether the certificate is a CA ({@code basicConstraints CA:TRUE}). */
    public boolean isCa() {
        return ca;
    }

    /** Returns the CA path length constraint, or -1 for none. */
    public int pathLength() {
        return pathLength;
    }

    /** Builder of a {@link CertificateSpec}. */
    public static final class Builder {

        private final X500Principal subject;
        private KeySpec key = KeySpec.rsa(2048);
        private Instant notBefore;
        private Instant notAfter;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private boolean ca;
        private int pathLength = -1;

        private Builder(X500Principal subject) {
            this.subject = subject;
        }

        /** Sets the key to generate; the default is RSA 2048. */
        public Builder key(KeySpec value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
        }

        /** Sets the validity period; the end must be after the start. */
        public Builder validity(Instant start, Instant end) {
            this.notBefore = Objects.requireNonNull(start, "start");
            this.notAfter = Objects.requireNonNull(end, "end");
            return this;
        }

        /** Adds DNS subject alternative names. */
        public Builder dnsNames(List<String> names) {
            for (String name : names) {
                if (!DNS_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "DNS name [%s] is invalid: use letters, digits, '-' and '.', with an optional leading '*.'",
                            name));
                }
                dnsNames.add(name);
            }
            return this;
        }

        /** Adds IP address subject alternative names, given as IPv4 or IPv6 literals. */
        public Builder ipAddresses(List<String> addresses) {
            for (String address : addresses) {
                if (!IPAddress.isValid(address)) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT, "IP address [%s] is invalid: give an IPv4 or IPv6 literal", address));
                }
                ipAddresses.add(address);
            }
            return this;
        }

        /** Makes the certificate a CA, with a path length constraint or -1 for none. */
        public Builder ca(int maxPathLength) {
            if (maxPathLength < -1) {
                throw new IllegalArgumentException("the path length must be -1 (none) or >= 0");
            }
            this.ca = true;
            this.pathLength = maxPathLength;
            return this;
        }

        /**
         * Validates and returns the spec.
         *
         * @throws IllegalArgumentException when the validity is missing or ends before it starts
         */
        public CertificateSpec build() {
            if (notBefore == null) {
                throw new IllegalArgumentException("a validity period is required");
            }
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "the validity ends [%s] before it starts [%s]", notAfter, notBefore));
            }
            return new CertificateSpec(this);
        }
    }
}
