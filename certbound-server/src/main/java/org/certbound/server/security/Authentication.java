package org.certbound.server.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request runs as: a realm user, or an API key and its owner. Immutable; build one with
 * {@link #realm} or {@link #apiKey}.
 */
public final class Authentication {

    /**
     * The API key a request authenticated with.
     *
     * @param id the key id
     * @param name the key name
     * @param type {@code rest} or {@code cross_cluster}
     */
    public record ApiKeyInfo(String id, String name, String type) {

        /** Requires the id and type. */
        public ApiKeyInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }
    }

    private final String username;
    private final String realmName;
    private final String realmType;
    private final List<RoleDescriptor> roles;
    private final ApiKeyInfo apiKey;
    private final List<RoleDescriptor> limitedBy;
    private final boolean derivedApiKey;
    private final String ownerRealm;
    private final String fullName;
    private final String email;
    private final Map<String, Object> metadata;

    private Authentication(Builder builder) {
        this.username = Objects.requireNonNull(builder.username, "username");
        this.realmName = Objects.requireNonNull(builder.realmName, "realmName");
        this.realmType = Objects.requireNonNull(builder.realmType, "realmType");
        this.roles = List.copyOf(builder.roles);
        this.apiKey = builder.apiKey;
        this.limitedBy = List.copyOf(builder.limitedBy);
        this.derivedApiKey = builder.derivedApiKey;
        if (derivedApiKey && apiKey == null) {
            throw new IllegalStateException("only an API key authentication can be of a derived API key");
        }
        this.ownerRealm = builder.ownerRealm == null ? builder.realmName : builder.ownerRealm;
        this.fullName = builder.fullName;
        this.email = builder.email;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
    }

    /** Starts an authentication of a realm user, for example a file realm user. */
    public static Builder realm(String username, String realmName, String realmType) {
        Builder builder = new Builder();
        builder.username = username;
        builder.realmName = realmName;
        builder.realmType = realmType;
        return builder;
    }

    /**
     * Starts an authentication by API key. The realm is Elasticsearch's synthetic {@code _es_api_key}; the owner's
     * username and realm are the key's creator's.
     */
    public static Builder apiKey(ApiKeyInfo key, String ownerUsername, String ownerRealm) {
        Builder builder = new Builder();
        builder.username = ownerUsername;
        builder.realmName = "_es_api_key";
        builder.realmType = "_es_api_key";
        builder.apiKey = Objects.requireNonNull(key, "key");
        builder.ownerRealm = ownerRealm;
        return builder;
    }

    /** Returns the username; for an API key, its owner's. */
    public String username() {
        return username;
    }

    /** Returns the name of the realm that authenticated the request. */
    public String realmName() {
        return realmName;
    }

    /** Returns the realm type: {@code file}, {@code reserved} or {@code _es_api_key}. */
    public String realmType() {
        return realmType;
    }

    /**
     * Returns the roles: a user's roles, or an API key's own role descriptors. An API key without role descriptors
     * has the permissions of {@link #limitedBy()}, unless it is a derived key (see {@link #roleSets()}).
     */
    public List<RoleDescriptor> roles() {
        return roles;
    }

    /** Returns the API key, when the request authenticated with one. */
    public Optional<ApiKeyInfo> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** Returns the owner's roles when the key was created (API keys only), which bound the key's permissions. */
    public List<RoleDescriptor> limitedBy() {
        return limitedBy;
    }

    /** Returns whether the request authenticated with an API key that another API key created. */
    public boolean isDerivedApiKey() {
        return derivedApiKey;
    }

    /**
     * Returns the role sets that every authorization decision of this request intersects: a privilege is granted
     * when some role of each set grants it.
     *
     * <ul>
     *   <li>A realm user has one set, its roles.
     *   <li>An API key that a user created, without role descriptors of its own, has one set, {@link #limitedBy()},
     *       so it inherits the owner's roles.
     *   <li>Any other API key has two sets, {@link #roles()} and then {@link #limitedBy()}. A derived key (one that
     *       another API key created) never inherits, so with empty role descriptors its first set is empty and it is
     *       granted nothing.
     * </ul>
     */
    public List<List<RoleDescriptor>> roleSets() {
        if (!isApiKey()) {
            return List.of(roles);
        }
        if (roles.isEmpty() && !derivedApiKey) {
            return List.of(limitedBy);
        }
        return List.of(roles, limitedBy);
    }

    /** Returns the username of the user, or of the API key's owner. */
    public String ownerUsername() {
        return username;
    }

    /** Returns the realm of the user, or of the API key's owner. */
    public String ownerRealm() {
        return ownerRealm;
    }

    /** Returns whether the request authenticated with an API key. */
    public boolean isApiKey() {
        return apiKey != null;
    }

    /** Returns the role names, for messages. */
    public List<String> roleNames() {
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.name()));
        return names;
    }

    /** Returns the body of {@code GET /_security/_authenticate}. */
    public Map<String, Object> toAuthenticateResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("roles", isApiKey() ? List.of() : roleNames());
        body.put("full_name", fullName);
        body.put("email", email);
        body.put("metadata", metadata);
        body.put("enabled", true);
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("name", realmName);
        realm.put("type", realmType);
        body.put("authentication_realm", realm);
        body.put("lookup_realm", realm);
        body.put("authentication_type", isApiKey() ? "api_key" : "realm");
        if (isApiKey()) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("id", apiKey.id());
            key.put("name", apiKey.name());
            // The official Java client 9.5.6 rejects an api_key object without managed_by. The node manages every key.
            key.put("managed_by", "elasticsearch");
            body.put("api_key", key);
        }
        return body;
    }

    @Override
    public String toString() {
        return isApiKey()
                ? "Authentication[api_key=" + apiKey.id() + ", owner=" + username + "]"
                : "Authentication[user=" + username + ", realm=" + realmName + "]";
    }

    /** Builds an {@link Authentication}. */
    public static final class Builder {

        private String username;
        private String realmName;
        private String realmType;
        private List<RoleDescriptor> roles = List.of();
        private ApiKeyInfo apiKey;
        private List<RoleDescriptor> limitedBy = List.of();
        private boolean derivedApiKey;
        private String ownerRealm;
        private String fullName;
        private String email;
        private Map<String, Object> metadata = Map.of();

        private Builder() {}

        /** Sets the roles (an API key's own role descriptors). */
        public Builder roles(List<RoleDescriptor> roles) {
            this.roles = Objects.requireNonNull(roles, "roles");
            return this;
        }

        /** Sets the owner's roles that limit an API key. */
        public Builder limitedBy(List<RoleDescriptor> limitedBy) {
            this.limitedBy = Objects.requireNonNull(limitedBy, "limitedBy");
            return this;
        }

        /** Marks the API key as derived: created by another API key, so empty role descriptors grant nothing. */
        public Builder derivedApiKey(boolean derived) {
            this.derivedApiKey = derived;
            return this;
        }

        /** Sets the full name shown by {@code _authenticate}. */
        public Builder fullName(String fullName) {
            this.fullName = fullName;
            return this;
        }

        /** Sets the email shown by {@code _authenticate}. */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** Sets the user metadata shown by {@code _authenticate}. */
        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        /** Builds the authentication. */
        public Authentication build() {
            return new Authentication(this);
        }
    }
}
