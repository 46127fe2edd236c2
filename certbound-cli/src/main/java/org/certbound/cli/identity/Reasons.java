package org.certbound.cli.identity;

import org.certbound.identity.IdentityException;

/** Formats an {@link IdentityException} for the identity tools, whose output shows the reason code separately. */
final class Reasons {

    private Reasons() {}

    /** Returns the exception's message without a leading {@code <code>: } that repeats its reason code. */
    static String message(IdentityException e) {
        String message = e.getMessage();
        String prefix = e.reason().code() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
