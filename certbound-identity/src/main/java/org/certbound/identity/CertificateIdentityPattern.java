package org.certbound.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code certificate_identity} pattern: a Java regular expression that must match a leaf certificate's canonical DN
 * ({@link CanonicalDn}) in full and case-sensitively.
 *
 * <p>The pattern is validated when it is set: it must not be blank, must be at most {@link #MAX_LENGTH} characters
 * and must compile. {@code ^} and {@code $} anchors are allowed and change nothing, because the match always covers
 * the whole DN. Use {@code (?i)} for a case-insensitive match. No Unicode normalization is applied, so a pattern in
 * NFD form does not match a DN in NFC form.
 *
 * <p>Matching runs under a time budget: a pattern that backtracks without end stops with
 * {@link ReasonCode#PATTERN_TIMEOUT} instead of holding a thread. Instances are immutable and thread-safe.
 */
public final class CertificateIdentityPattern {
    /** Maximum pattern length in characters. */
    public static final int MAX_LENGTH = 4096;
    /** Default time budget for one match. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(10);

    private final String pattern;
    private final Pattern compiled;

    private CertificateIdentityPattern(String pattern, Pattern compiled) {
        this.pattern = pattern;
        this.compiled = compiled;
    }

    /**
     * Validates and compiles a pattern.
     *
     * @throws IllegalArgumentException if the pattern is blank, longer than {@link #MAX_LENGTH} characters, or not a
     *     valid Java regular expression; the message shows where it fails to compile
     */
    public static CertificateIdentityPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("[certificate_identity] must not be empty or blank");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "[certificate_identity] is " + pattern.length() + " characters long; the maximum is " + MAX_LENGTH);
        }
        try {
            return new CertificateIdentityPattern(pattern, Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "[certificate_identity] is not a valid Java regular expression: " + e.getMessage(), e);
        }
    }

    /** Returns the pattern exactly as it was given. */
    public String pattern() {
        return pattern;
    }

    /**
     * Returns warnings about likely mistakes that still compile, for example an unescaped {@code .} between letters,
     * which matches any character.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (DnExplainer.hasUnescapedDot(pattern)) {
            warnings.add("unescaped '.' matches any character; write '\\.' to match a literal dot");
        }
        warnings.addAll(DnExplainer.formatMistakes(pattern));
        return warnings;
    }

    /**
     * Checks that {@code canonicalDn} matches this pattern in full.
     *
     * @param budget maximum time the match may take
     * @throws IdentityException with {@link ReasonCode#IDENTITY_MISMATCH} if it does not match, naming the DN that
     *     was tried, or with {@link ReasonCode#PATTERN_TIMEOUT} if the match ran over {@code budget}
     */
    public void check(String canonicalDn, Duration budget) throws IdentityException {
        if (!matches(canonicalDn, budget)) {
            throw new IdentityException(
                    ReasonCode.IDENTITY_MISMATCH,
                    "certificate DN [" + canonicalDn + "] does not match the certificate identity pattern [" + pattern
                            + "]; the pattern must match the whole RFC 2253 DN, case-sensitively");
        }
    }

    boolean matches(String canonicalDn, Duration budget) throws IdentityException {
        DeadlineCharSequence input = new DeadlineCharSequence(canonicalDn, System.nanoTime() + budget.toNanos());
        try {
            Matcher matcher = compiled.matcher(input);
            return matcher.matches();
        } catch (DeadlineCharSequence.DeadlineExceeded | StackOverflowError e) {
            throw new IdentityException(
                    ReasonCode.PATTERN_TIMEOUT,
                    "matching certificate DN [" + canonicalDn + "] against the certificate identity pattern ["
                            + pattern + "] ran over its budget of " + budget.toMillis() + "ms; simplify the pattern,"
                            + " for example by removing nested quantifiers");
        }
    }

    /**
     * Explains why {@code canonicalDn} does or does not match {@code pattern}, in terms of the usual mistakes, and
     * suggests a pattern that matches the DN exactly. It never throws for an invalid pattern; it explains it.
     */
    public static DnExplanation explain(String canonicalDn, String pattern) {
        return DnExplainer.explain(canonicalDn, pattern);
    }

    /**
     * Explains a match as {@link #explain(String, String)} does, trying the match under {@code budget}: the caller
     * passes the budget it checks with, so that both report the same verdict and the same number.
     */
    public static DnExplanation explain(String canonicalDn, String pattern, Duration budget) {
        return DnExplainer.explain(canonicalDn, pattern, budget);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateIdentityPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateIdentityPattern[" + pattern + "]";
    }
}
