package org.llmsim.scenario;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML (and JSON, which is YAML) into records strictly: unknown fields, duplicate keys, wrong types and
 * fractional integers are errors, reported with file, line, field path and what is allowed. Field names are
 * snake_case in files and camelCase in records.
 */
public final class StrictYaml {
    private static final ObjectMapper MAPPER = newMapper();

    private StrictYaml() {
    }

    static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder().build());
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(ScalarShorthand.module());
        return mapper;
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a document into a tree; syntax errors become an {@link InputException} with the line. */
    public static JsonNode readTree(String text, String file) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new InputException(file, "the file is empty");
            }
            if (!node.isObject()) {
                throw new InputException(file, "expected a mapping of fields (key: value) at the top level");
            }
            return node;
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            throw new InputException(List.of(syntaxError(e, file, line)));
        }
    }

    /** A parser's complaint in the words of a scenario file: the field, and what is allowed. */
    private static InputError syntaxError(JsonProcessingException e, String file, Integer line) {
        String message = plain(firstLine(e.getOriginalMessage()));
        String path = e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null
                ? SourceLines.pathOf(p.getParsingContext()) : null;
        if (message.startsWith("Malformed numeric value")) {
            // YAML's .nan and .inf (and overflowing literals): no field of a scenario takes them
            int quote = message.indexOf('\'');
            String value = quote >= 0 ? message.substring(quote) : "";
            return new InputError(file, line, path, "must be a finite number, got " + value);
        }
        if (message.startsWith("Duplicate field")) {
            return new InputError(file, line, path, "is given twice; keep one");
        }
        if (message.startsWith("Trailing token")) {
            return new InputError(file, line, null, "holds more than one YAML document (a '---' line ends the "
                    + "first); a file holds one scenario or profile: remove the second document or split the file");
        }
        return new InputError(file, line, path == null || path.isEmpty() ? null : path, "malformed YAML: "
                + message);
    }

    /** Drops the parser's configuration jargon ("from `StreamReadConstraints...`") from a message. */
    static String plain(String message) {
        return message.replaceAll(", from `[^`]*`", "").replaceAll(" \\([^()]*`[^()]*\\)", "").replace("`", "'");
    }

    /** Unknown fields reported from one file at most; beyond them the first ones tell what went wrong. */
    private static final int MAX_UNKNOWN_FIELDS = 100;

    /**
     * Binds a tree to {@code type}. Every unknown field is reported, each with its line and the allowed fields,
     * together with the first other binding error (a wrong type, an unknown kind): after an unknown field, binding
     * starts again on a copy of the tree without it, so each field's path is the one Jackson names.
     */
    public static <T> T bind(JsonNode tree, Class<T> type, String file, SourceLines lines) {
        Problems problems = new Problems(file, lines);
        JsonNode current = tree;
        try {
            while (true) {
                try {
                    T value = MAPPER.treeToValue(current, type);
                    if (problems.isEmpty()) {
                        return value;
                    }
                    break;
                } catch (UnrecognizedPropertyException u) {
                    problems.add(pathOf(u.getPath()), describe(u));
                    current = current == tree ? tree.deepCopy() : current;
                    if (problems.count() >= MAX_UNKNOWN_FIELDS || !remove(current, u.getPath())) {
                        break;
                    }
                }
            }
        } catch (JsonMappingException e) {
            problems.add(pathOf(e.getPath()), describe(e));
        } catch (JsonProcessingException e) {
            problems.add(null, plain(firstLine(e.getOriginalMessage())));
        }
        problems.sortByLine(); // unknown fields are met in the order records declare them, not as the file has them
        problems.throwIfAny();
        throw new AssertionError("unreachable");
    }

    /** Removes the field {@code path} leads to from {@code root}; false when the path does not lead there. */
    private static boolean remove(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1 && node != null; i++) {
            JsonMappingException.Reference r = path.get(i);
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        String field = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
        return node instanceof ObjectNode object && field != null && object.remove(field) != null;
    }

    /** "unknown field 'x'; allowed: ..." or, for a kind that takes no fields, what it is. */
    private static String unknownField(String name, Collection<Object> known, Class<?> type) {
        if (known == null || known.isEmpty()) {
            String kind = kindOf(type);
            return "unknown field '" + name + "'; " + (kind == null ? "this mapping takes no fields"
                    : kind + " takes no other fields");
        }
        return "unknown field '" + name + "'; allowed: " + sorted(known);
    }

    /** "process: trace" for a subtype chosen by its type property, or null. */
    private static String kindOf(Class<?> type) {
        if (type == null) {
            return null;
        }
        for (Class<?> parent : type.getInterfaces()) {
            JsonTypeInfo info = parent.getAnnotation(JsonTypeInfo.class);
            JsonSubTypes subtypes = parent.getAnnotation(JsonSubTypes.class);
            if (info != null && subtypes != null) {
                for (JsonSubTypes.Type t : subtypes.value()) {
                    if (t.value() == type) {
                        return info.property() + ": " + t.name();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Parses one scalar or flow value the way YAML would ({@code 8} a number, {@code true} a boolean). Text that
     * starts a mapping or list ({@code {...}}, {@code [...]}) must parse as one.
     *
     * @throws IllegalArgumentException naming what the parser found, for a broken mapping or list
     */
    public static JsonNode parseValue(String text) {
        String t = text.strip();
        boolean collection = t.startsWith("{") || t.startsWith("[");
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? MAPPER.getNodeFactory().textNode(text) : node;
        } catch (IOException e) {
            if (collection) {
                String why = e instanceof JsonProcessingException j ? plain(firstLine(j.getOriginalMessage()))
                        : e.getMessage();
                throw new IllegalArgumentException("cannot read the value as a YAML " + (t.startsWith("{")
                        ? "mapping" : "list") + " (" + why + "); write it like {dist: fixed, value: 512}");
            }
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(u.getPropertyName(), u.getKnownPropertyIds(), u.getReferringClass());
        }
        if (e instanceof InvalidTypeIdException t) {
            String property = typeProperty(t.getBaseType());
            String allowed = String.join(", ", subtypeNames(t.getBaseType()));
            if (t.getTypeId() == null) {
                return "missing '" + property + "'; one of: " + allowed;
            }
            return "unknown " + property + " '" + t.getTypeId() + "'; allowed: " + allowed;
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "unknown value '" + f.getValue() + "'; allowed: " + String.join(", ", enumNames(target));
            }
            return "expected " + describeType(target) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return firstLine(v.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException m) {
            return "expected " + describeType(m.getTargetType());
        }
        return plain(firstLine(e.getOriginalMessage()));
    }

    private static String typeProperty(JavaType base) {
        JsonTypeInfo info = base == null ? null : base.getRawClass().getAnnotation(JsonTypeInfo.class);
        return info == null ? "type" : info.property();
    }

    private static List<String> subtypeNames(JavaType base) {
        JsonSubTypes subtypes = base == null ? null : base.getRawClass().getAnnotation(JsonSubTypes.class);
        List<String> names = new ArrayList<>();
        if (subtypes != null) {
            for (JsonSubTypes.Type t : subtypes.value()) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** The names an enum is written with in files (its {@code @JsonProperty} values). */
    public static List<String> enumNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                Field field = enumType.getField(name);
                JsonProperty p = field.getAnnotation(JsonProperty.class);
                names.add(p != null ? p.value() : name.toLowerCase(Locale.ROOT));
            } catch (NoSuchFieldException ex) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String describeType(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames(type));
        }
        return "a mapping of fields (key: value)";
    }

    private static String sorted(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        for (Object id : ids) {
            names.add(String.valueOf(id));
        }
        return String.join(", ", names);
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String[] lines = message.split("\\R");
        return Arrays.stream(lines).filter(l -> !l.isBlank()).findFirst().orElse(message).trim();
    }
}
