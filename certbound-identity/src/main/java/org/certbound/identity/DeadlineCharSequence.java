package org.certbound.identity;

/**
 * A {@link CharSequence} that throws once a deadline passes; {@link java.util.regex.Matcher} reads its input through
 * {@link #charAt}, so a backtracking match stops soon after the deadline.
 */
final class DeadlineCharSequence implements CharSequence {
    /** Reads between two clock checks; a clock read costs about as much as a few dozen character reads. */
    private static final int READS_PER_CHECK = 1024;

    private final String text;
    private final long deadlineNanos;
    private int readsUntilCheck = READS_PER_CHECK;

    DeadlineCharSequence(String text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (--readsUntilCheck <= 0) {
            readsUntilCheck = READS_PER_CHECK;
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new DeadlineExceeded();
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.substring(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Thrown from {@link #charAt} after the deadline; it carries no stack trace, since it is expected. */
    static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("deadline exceeded", null, false, false);
        }
    }
}
