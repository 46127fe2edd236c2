package org.certbound.cli.identity;

/** Quotes a string as a JSON string literal, so operators can paste a pattern into a request body. */
final class JsonText {

    private JsonText() {}

    /** Returns {@code text} as a JSON string literal, with quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
