package org.certbound.server.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Recognises the dynamic settings that decide security: {@code xpack.security.*} (the audit log among them),
 * {@code cluster.remote.signing.*} (the trust and verification settings of the fulfilling side) and
 * {@code cluster.remote.<alias>.signing.*} (the signing key of an alias). Changing them through
 * {@code PUT /_cluster/settings} requires {@code manage_security}, not only {@code manage}.
 *
 * <p>Security: a key ending in {@code *} resets every key with that prefix, so it counts as a security key when any
 * security key could start with its prefix, for example {@code cluster.remote.*} or {@code *}.
 */
final class SecuritySettingKeys {
    private static final String SECURITY = "xpack.security";
    private static final String REMOTE = "cluster.remote.";
    private static final String SIGNING = "signing";

    private SecuritySettingKeys() {}

    /** Returns the keys of {@code keys} that are security settings, in their order. */
    static List<String> filter(Collection<String> keys) {
        List<String> security = new ArrayList<>();
        for (String key : keys) {
            if (isSecurity(key)) {
                security.add(key);
            }
        }
        return security;
    }

    /** Returns whether {@code key}, a concrete key or a prefix ending in {@code *}, names a security setting. */
    static boolean isSecurity(String key) {
        if (key.endsWith("*")) {
            return prefixReachesSecurity(key.substring(0, key.length() - 1));
        }
        if (key.equals(SECURITY) || key.startsWith(SECURITY + ".")) {
            return true;
        }
        if (!key.startsWith(REMOTE)) {
            return false;
        }
        String[] segments = key.substring(REMOTE.length()).split("\\.", -1);
        return segments[0].equals(SIGNING) || (segments.length > 1 && segments[1].equals(SIGNING));
    }

    private static boolean prefixReachesSecurity(String prefix) {
        if ((SECURITY + ".").startsWith(prefix) || prefix.startsWith(SECURITY)) {
            return true;
        }
        // A prefix up to and including "cluster.remote." reaches every alias, and so its signing settings.
        if (REMOTE.startsWith(prefix)) {
            return true;
        }
        if (!prefix.startsWith(REMOTE)) {
            return false;
        }
        String rest = prefix.substring(REMOTE.length());
        if ((SIGNING + ".").startsWith(rest) || rest.startsWith(SIGNING + ".")) {
            return true;
        }
        int dot = rest.indexOf('.');
        if (dot < 0) {
            // "cluster.remote.rc*" reaches "cluster.remote.rc.signing.key".
            return true;
        }
        String tail = rest.substring(dot + 1);
        return (SIGNING + ".").startsWith(tail) || tail.startsWith(SIGNING + ".");
    }
}
