package org.certbound.server.index;

import java.nio.charset.StandardCharsets;

/** Elasticsearch's rules for index names. */
public final class IndexNames {
    /** The largest index name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private static final String INVALID_CHARACTERS = "\\/*?\"<>| ,#:";

    private IndexNames() {}

    /**
     * Checks an index name for creation: lowercase, none of {@code \ / * ? " < > | , # :} or space, no leading
     * {@code _ - +}, neither {@code .} nor {@code ..}, at most 255 bytes.
     *
     * @throws IndexException {@code invalid_index_name_exception} naming the rule that failed
     */
    public static void validate(String name) {
        if (name.isEmpty()) {
            throw IndexException.invalidIndexName(name, "must not be empty");
        }
        for (char c : INVALID_CHARACTERS.toCharArray()) {
            if (name.indexOf(c) >= 0) {
                throw IndexException.invalidIndexName(
                        name,
                        "must not contain the following characters [' ', '\"', '*', ',', '/', '<', '>', '?',"
                                + " '\\\\', '|', '#', ':']");
            }
        }
        char first = name.charAt(0);
        if (first == '_' || first == '-' || first == '+') {
            throw IndexException.invalidIndexName(name, "must not start with '_', '-', or '+'");
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).equals(name)) {
            throw IndexException.invalidIndexName(name, "must be lowercase");
        }
        if (name.equals(".") || name.equals("..")) {
            throw IndexException.invalidIndexName(name, "must not be '.' or '..'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw IndexException.invalidIndexName(
                    name,
                    "index name is too long, (" + name.getBytes(StandardCharsets.UTF_8).length + " > " + MAX_NAME_BYTES
                            + ")");
        }
    }
}
