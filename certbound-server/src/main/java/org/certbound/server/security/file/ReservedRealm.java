package org.certbound.server.security.file;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.settings.Property;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger logger = LoggerFactory.getLogger(ReservedRealm.class);

    private volatile SecureString password;

    /** Whether the disabled user was logged at WARN since the last reload, so repeats go to DEBUG. */
    private final AtomicBoolean disabledLogged = new AtomicBoolean();

    ReservedRealm(SecureSettings secureSettings) {
        reload(secureSettings);
    }

    /** Takes the password from {@code secureSettings}, closing the previous one. */
    void reload(SecureSettings secureSettings) {
        SecureString previous = password;
        password = BOOTSTRAP_PASSWORD.get(secureSettings).orElse(null);
        disabledLogged.set(false);
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
        if (!USERNAME.equals(username)) {
            return Optional.empty();
        }
        if (current == null) {
            logDisabled();
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

    /** Logs, once per keystore state, why the built-in user cannot log in, which the 401 response leaves out. */
    private void logDisabled() {
        String format = "authentication of the built-in user [{}] failed: the user is disabled because [{}] is not set"
                + " in the keystore, and a file realm user of that name is never used; run [certbound keystore add"
                + " {} --config <node config dir>] and [POST /_nodes/reload_secure_settings]";
        if (disabledLogged.compareAndSet(false, true)) {
            logger.warn(format, USERNAME, BOOTSTRAP_PASSWORD.key(), BOOTSTRAP_PASSWORD.key());
        } else {
            logger.debug(format, USERNAME, BOOTSTRAP_PASSWORD.key(), BOOTSTRAP_PASSWORD.key());
        }
    }
}
