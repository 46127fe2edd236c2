package org.certbound.server.security.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.Authenticator;

/**
 * Authenticates {@code Authorization: Basic} credentials against the password realms in order. Requests with
 * another scheme are left to the next authenticator.
 */
final class BasicAuthenticator implements Authenticator {

    private static final String SCHEME = "basic ";

    private final List<PasswordRealm> realms;

    BasicAuthenticator(List<PasswordRealm> realms) {
        this.realms = List.copyOf(realms);
    }

    @Override
    public Optional<Authentication> authenticate(RestRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        char[] decoded = decode(header.get().substring(SCHEME.length()).trim());
        try {
            int colon = indexOf(decoded, ':');
            if (colon <= 0) {
                throw ApiException.unauthorized("invalid basic authentication header: expected [username:password]");
            }
            String username = new String(decoded, 0, colon);
            char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            try {
                return Optional.of(authenticate(username, password, request.path()));
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    private Authentication authenticate(String username, char[] password, String path) {
        for (PasswordRealm realm : realms) {
            if (realm.hasUser(username)) {
                Optional<Authentication> authentication = realm.authenticate(username, password);
                if (authentication.isPresent()) {
                    return authentication.get();
                }
                break;
            }
        }
        throw ApiException.unauthorized(
                "unable to authenticate user [" + username + "] for REST request [" + path + "]");
    }

    private static char[] decode(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("invalid basic authentication header: the value is not valid Base64");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] result = new char[chars.remaining()];
            chars.get(result);
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (CharacterCodingException e) {
            throw ApiException.unauthorized("invalid basic authentication header: the credentials are not UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char target) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == target) {
                return i;
            }
        }
        return -1;
    }
}
