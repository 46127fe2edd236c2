package org.certbound.server.security;

import java.util.List;

/**
 * Field level security of an index privilege: the fields granted, minus the fields excepted.
 *
 * @param grant field name patterns the role may read
 * @param except field name patterns removed from {@code grant}
 */
public record FieldSecurity(List<String> grant, List<String> except) {

    /** Copies the lists; null means empty. */
    public FieldSecurity {
        grant = grant == null ? List.of() : List.copyOf(grant);
        except = except == null ? List.of() : List.copyOf(except);
    }
}
