package org.certbound.server.security.file;

import java.util.Optional;
import org.certbound.server.security.Authentication;

/** A realm of users with passwords. */
interface PasswordRealm {

    /** Returns whether this realm has the user. */
    boolean hasUser(String username);

    /**
     * Checks the password of a user this realm has.
     *
     * @return the authentication, or empty when the password is wrong
     */
    Optional<Authentication> authenticate(String username, char[] password);
}
