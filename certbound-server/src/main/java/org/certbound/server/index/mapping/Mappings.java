package org.certbound.server.index.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The immutable mapping of one index: its fields by full path, including objects and multi-fields, and the
 * {@code dynamic} setting of the root. Dynamic mapping returns a new instance with the added fields.
 */
public final class Mappings {
    private static final Mappings EMPTY = new Mappings(null, true, new LinkedHashMap<>());

    private final @Nullable DynamicMode rootDynamic;
    private final boolean dateDetection;
    // Fields that appear under "properties", in insertion order; multi-fields live inside their parent.
    private final Map<String, FieldMapping> mappers;
    private final Map<String, FieldMapping> lookup;

    Mappings(@Nullable DynamicMode rootDynamic, boolean dateDetection, Map<String, FieldMapping> mappers) {
        this.rootDynamic = rootDynamic;
        this.dateDetection = dateDetection;
        this.mappers = Collections.unmodifiableMap(new LinkedHashMap<>(mappers));
        Map<String, FieldMapping> all = new LinkedHashMap<>();
        for (FieldMapping mapper : mappers.values()) {
            all.put(mapper.path(), mapper);
            for (FieldMapping multiField : mapper.multiFields()) {
                all.put(multiField.path(), multiField);
            }
        }
        this.lookup = Collections.unmodifiableMap(all);
    }

    /** Returns a mapping with no fields and dynamic mapping on. */
    public static Mappings empty() {
        return EMPTY;
    }

    /** Returns the mapping of a field path, or null when the field is not mapped. */
    public @Nullable FieldMapping field(String path) {
        return lookup.get(path);
    }

    /** Returns every mapped field, multi-fields and objects included. */
    public Collection<FieldMapping> allFields() {
        return lookup.values();
    }

    /** Returns whether strings that look like dates are mapped as {@code date}. */
    public boolean dateDetection() {
        return dateDetection;
    }

    /** Returns the {@code dynamic} mode in force for fields under an object path, {@code ""} for the root. */
    public DynamicMode dynamicFor(String objectPath) {
        String path = objectPath;
        while (!path.isEmpty()) {
            FieldMapping object = lookup.get(path);
            if (object != null && object.dynamic() != null) {
                return object.dynamic();
            }
            int dot = path.lastIndexOf('.');
            path = dot < 0 ? "" : path.substring(0, dot);
        }
        return rootDynamic == null ? DynamicMode.TRUE : rootDynamic;
    }

    /** Returns a copy with the given fields added or replaced. */
    public Mappings withFields(Collection<FieldMapping> added) {
        if (added.isEmpty()) {
            return this;
        }
        Map<String, FieldMapping> merged = new LinkedHashMap<>(mappers);
        for (FieldMapping field : added) {
            merged.put(field.path(), field);
        }
        return new Mappings(rootDynamic, dateDetection, merged);
    }

    /**
     * Returns the paths of the leaf fields, multi-fields included, that match a pattern with {@code *} wildcards,
     * in mapping order.
     */
    public List<String> leafFieldsMatching(String pattern) {
        Pattern regex = wildcardToRegex(pattern);
        List<String> out = new ArrayList<>();
        for (FieldMapping field : lookup.values()) {
            if (field.type() != FieldType.OBJECT && regex.matcher(field.path()).matches()) {
                out.add(field.path());
            }
        }
        return out;
    }

    /** Returns the leaf fields, multi-fields included, under an object path. */
    public List<FieldMapping> leafFieldsUnder(String objectPath) {
        String prefix = objectPath + ".";
        List<FieldMapping> out = new ArrayList<>();
        for (FieldMapping field : lookup.values()) {
            if (field.type() != FieldType.OBJECT && field.path().startsWith(prefix)) {
                out.add(field);
            }
        }
        return out;
    }

    /** Renders the mapping as Elasticsearch shows it: {@code {"dynamic":...,"properties":{...}}}. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (rootDynamic != null) {
            root.put("dynamic", rootDynamic.jsonValue());
        }
        if (!dateDetection) {
            root.put("date_detection", false);
        }
        if (!mappers.isEmpty()) {
            ObjectNode properties = root.putObject("properties");
            for (FieldMapping field : mappers.values()) {
                int dot = field.path().lastIndexOf('.');
                ObjectNode parent = dot < 0
                        ? properties
                        : propertiesOf(properties, field.path().substring(0, dot));
                ObjectNode rendered = field.toJson();
                ObjectNode existing = (ObjectNode) parent.get(field.simpleName());
                if (existing != null && existing.has("properties")) {
                    rendered.set("properties", existing.get("properties"));
                }
                parent.set(field.simpleName(), rendered);
            }
        }
        return root;
    }

    private static ObjectNode propertiesOf(ObjectNode rootProperties, String objectPath) {
        ObjectNode node = rootProperties;
        for (String segment : objectPath.split("\\.")) {
            ObjectNode object = node.has(segment) ? (ObjectNode) node.get(segment) : node.putObject(segment);
            node = object.has("properties") ? (ObjectNode) object.get("properties") : object.putObject("properties");
        }
        return node;
    }

    /** Converts a pattern with {@code *} and {@code ?} wildcards into an anchored regular expression. */
    public static Pattern wildcardToRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Nullable
    DynamicMode rootDynamic() {
        return rootDynamic;
    }
}
