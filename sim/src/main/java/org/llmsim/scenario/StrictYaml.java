package org.llmsim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * fractional integers are errors, reported with file, line, field path and what is allowed, all of a file's at once.
 * Field names are snake_case in files and camelCase in records.
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

    /**
     * Parses a document into a tree; syntax errors become an {@link InputException} with the line. YAML's special
     * floats ({@code .nan}, {@code .inf}) are read as text, for binding to refuse with the file's other problems.
     */
    public static JsonNode readTree(String text, String file) {
        try {
            JsonNode node = read(text);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e); // text in memory: not an input problem
        }
    }

    private static JsonNode read(String text) throws IOException {
        try (JsonParser parser = new SpecialFloatsAsText(MAPPER.getFactory().createParser(text))) {
            return MAPPER.readTree(parser);
        }
    }

    /** A parser's complaint in the words of a scenario file: the field, and what is allowed. */
    private static InputError syntaxError(JsonProcessingException e, String file, Integer line) {
        String message = plain(firstLine(e.getOriginalMessage()));
        String path = e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null
                ? SourceLines.pathOf(p.getParsingContext()) : null;
        if (message.startsWith("Malformed numeric value")) {
            // a number the parser cannot decode (.nan and .inf arrive as text, see SpecialFloatsAsText)
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

    /** Fields refused in one file at most; beyond them the first ones tell what went wrong. */
    private static final int MAX_REFUSED_FIELDS = 100;

    /**
     * Binds a tree to {@code type}; every problem is reported at once (see {@link #bind(JsonNode, Class, Problems)}).
     *
     * @throws InputException naming every field that does not bind, sorted by line
     */
    public static <T> T bind(JsonNode tree, Class<T> type, String file, SourceLines lines) {
        Problems problems = new Problems(file, lines);
        T value = bind(tree, type, problems);
        problems.sortByLine();
        problems.throwIfAny();
        return value;
    }

    /**
     * Binds a tree to {@code type} as far as it can, reporting into {@code problems} every field that does not bind,
     * each with its line: an unknown field with the allowed ones, a value of the wrong type or shape (text for a
     * number, {@code .nan}, a list for a mapping), an unknown kind. After each, binding starts again on a copy of the
     * tree without that field, so each field's path is the one Jackson names, and the field is
     * {@linkplain Problems#skip skipped}: checks of the value bound without it do not report it again ("is
     * required"). The caller checks the value and reports everything together.
     *
     * @return the value bound without the refused fields, or null when binding could not go on (nothing is left to
     *         check; {@code problems} says why)
     */
    public static <T> T bind(JsonNode tree, Class<T> type, Problems problems) {
        JsonNode current = tree;
        int refused = 0;
        while (true) {
            try {
                return MAPPER.treeToValue(current, type);
            } catch (JsonMappingException e) {
                String path = pathOf(e.getPath());
                problems.add(path.isEmpty() ? null : path, describe(e));
                current = current == tree ? tree.deepCopy() : current;
                String removed = remove(current, e.getPath());
                if (removed == null || ++refused >= MAX_REFUSED_FIELDS) {
                    return null;
                }
                if (!(e instanceof UnrecognizedPropertyException)) {
                    problems.skip(removed);
                }
            } catch (JsonProcessingException e) {
                problems.add(null, plain(firstLine(e.getOriginalMessage())));
                return null;
            }
        }
    }

    /**
     * Removes from {@code root} the field {@code path} leads to, or the nearest field that holds it (a list whose
     * element is refused goes as a whole: the indices of the others must not shift).
     *
     * @return the path of the field removed, or null when the path leads to no field
     */
    private static String remove(JsonNode root, List<JsonMappingException.Reference> path) {
        int last = path.size() - 1;
        while (last >= 0 && path.get(last).getFieldName() == null) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        JsonNode node = root;
        for (int i = 0; i < last && node != null; i++) {
            JsonMappingException.Reference r = path.get(i);
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        String field = path.get(last).getFieldName();
        return node instanceof ObjectNode object && object.remove(field) != null ? pathOf(path.subList(0, last + 1))
                : null;
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
            JsonNode node = read(text);
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
            if (SpecialFloatsAsText.isSpecialFloat(f.getValue()) && describeType(target).endsWith("number")) {
                return "must be a finite number, got '" + f.getValue() + "'";
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
