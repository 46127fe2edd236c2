package org.certbound.server.security.file;

import java.util.List;
import java.util.Optional;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.settings.Property;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;

/**
 * The built-in {@code elastic} superuser, whose password is the keystore's {@code bootstrap.password}. Without
 * that entry the user is disabled.
 *
 * <p>Unlike Elasticsearch, where the bootstrap password matters only until the password is changed through the
 * API, the setting is reloadable: {@code POST /_nodes/reload_secure_settings} switches to a new password.
 */
final class ReservedRealm implements PasswordRealm {

    static final String USERNAME = "elastic";
    static final String NAME = "reserved";

    static final Setting<Optional<SecureString>> BOOTSTRAP_PASSWORD = Setting.secureStringSetting(
            "bootstrap.password",
            "The password of the built-in [elastic] superuser; without it that user is disabled.",
            Property.RELOADABLE);

    private volatile SecureString password;

    ReservedRealm(SecureSettings secureSettings) {
        reload(secureSettings);
    }

    /** Takes the password from {@code secureSettings}, closing the previous one. */
    void reload(SecureSettings secureSettings) {
        SecureString previous = password;
        password = BOOTSTRAP_PASSWORD.get(secureSettings).orElse(null);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public boolean hasUser(String username) {
        return USERNAME.equals(username);
    }

    @Override
    public Optional<Authentication> authenticate(String username, char[] candidate) {
        SecureString current = password;
        if (current == null || !USERNAME.equals(username)) {
            return Optional.empty();
        }
        try (SecureString offered = new SecureString(candidate.clone())) {
            if (!current.constantTimeEquals(offered)) {
                return Optional.empty();
            }
        }
        return Optional.of(Authentication.realm(USERNAME, NAME, NAME)
                .roles(List.of(RoleDescriptor.SUPERUSER))
                .metadata(java.util.Map.of("_reserved", true))
                .build());
    }
}
