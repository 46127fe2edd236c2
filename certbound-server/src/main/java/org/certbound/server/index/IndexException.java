package org.certbound.server.index;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one failure type of the index and search engine. It carries what Elasticsearch's error body needs: the HTTP
 * status, the error type (such as {@code index_not_found_exception}), the reason, extra metadata keys (such as
 * {@code index}) and an optional cause rendered as {@code caused_by}.
 */
public final class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final Map<String, String> metadata;

    /**
     * Creates a failure.
     *
     * @param status the HTTP status code
     * @param type the Elasticsearch error type in snake case
     * @param reason the human-readable reason
     * @param metadata extra keys of the error object, in order
     * @param cause the underlying failure, or null
     */
    public IndexException(
            int status, String type, String reason, Map<String, String> metadata, @Nullable Throwable cause) {
        super(reason, cause);
        this.status = status;
        this.type = type;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Creates a failure without metadata or cause. */
    public IndexException(int status, String type, String reason) {
        this(status, type, reason, Map.of(), null);
    }

    /** Returns the HTTP status code. */
    public int status() {
        return status;
    }

    /** Returns the Elasticsearch error type, such as {@code parsing_exception}. */
    public String type() {
        return type;
    }

    /** Returns the reason. */
    public String reason() {
        return getMessage();
    }

    /** Returns the extra keys of the error object. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Renders this failure as one Elasticsearch error object: type, reason, metadata and {@code caused_by}. */
    public ObjectNode toErrorObject() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("type", type);
        error.put("reason", reason());
        metadata.forEach(error::put);
        Throwable cause = getCause();
        if (cause instanceof IndexException nested) {
            error.set("caused_by", nested.toErrorObject());
        } else if (cause != null) {
            ObjectNode causedBy = error.putObject("caused_by");
            causedBy.put("type", javaTypeToErrorType(cause));
            causedBy.put("reason", String.valueOf(cause.getMessage()));
        }
        return error;
    }

    /**
     * Renders the full Elasticsearch error body: {@code {"error":{"root_cause":[...],...},"status":N}}. The root cause
     * is the innermost {@link IndexException} in the cause chain.
     */
    public ObjectNode toErrorBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = toErrorObject();
        IndexException root = this;
        while (root.getCause() instanceof IndexException nested) {
            root = nested;
        }
        ObjectNode rootCause = root.toErrorObject();
        rootCause.remove("caused_by");
        ObjectNode ordered = body.putObject("error");
        ordered.putArray("root_cause").add(rootCause);
        ordered.setAll(error);
        body.put("status", status);
        return body;
    }

    // Elasticsearch names Java exceptions in snake case, e.g. NumberFormatException as number_format_exception.
    private static String javaTypeToErrorType(Throwable cause) {
        String simple = cause.getClass().getSimpleName();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * Returns metadata keys in the given order, as the error body renders them.
     *
     * @param keysAndValues alternating keys and values
     */
    public static Map<String, String> orderedMetadata(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Returns {@code index_not_found_exception} (404) for the named index. */
    public static IndexException indexNotFound(String index) {
        return new IndexException(
                404,
                "index_not_found_exception",
                "no such index [" + index + "]",
                orderedMetadata("resource.type", "index_or_alias", "resource.id", index, "index", index),
                null);
    }

    /** Returns {@code resource_already_exists_exception} (400) for an index that exists. */
    public static IndexException alreadyExists(String index, String uuid) {
        return new IndexException(
                400,
                "resource_already_exists_exception",
                "index [" + index + "/" + uuid + "] already exists",
                orderedMetadata("index_uuid", uuid, "index", index),
                null);
    }

    /** Returns {@code invalid_index_name_exception} (400). */
    public static IndexException invalidIndexName(String index, String why) {
        return new IndexException(
                400,
                "invalid_index_name_exception",
                "Invalid index name [" + index + "], " + why,
                orderedMetadata("index_uuid", "_na_", "index", index),
                null);
    }

    /** Returns {@code parsing_exception} (400), the failure for a query or request body that cannot be parsed. */
    public static IndexException parsing(String reason) {
        return new IndexException(400, "parsing_exception", reason);
    }

    /** Returns {@code x_content_parse_exception} (400), the failure for an unknown or malformed field. */
    public static IndexException contentParse(String reason) {
        return new IndexException(400, "x_content_parse_exception", reason);
    }

    /** Returns {@code illegal_argument_exception} (400). */
    public static IndexException illegalArgument(String reason) {
        return new IndexException(400, "illegal_argument_exception", reason);
    }

    /** Returns {@code action_request_validation_exception} (400). */
    public static IndexException validation(String reason) {
        return new IndexException(400, "action_request_validation_exception", "Validation Failed: 1: " + reason + ";");
    }
}
