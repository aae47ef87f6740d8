package io.rungu.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rungu.model.WireValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of wire records exactly as {@link WireJson#newMapper()} writes them: snake_case names, every
 * component required unless it is left out when null, {@link Nullable} components admitting null, enums as their
 * wire strings, instants as {@code date-time}. The one generator behind MCP output schemas and OpenAPI components.
 */
public final class JsonSchemas {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final Map<String, Object> components;
    private final String refPrefix;

    private JsonSchemas(Map<String, Object> components, String refPrefix) {
        this.components = components;
        this.refPrefix = refPrefix;
    }

    /** A self-contained object schema of a record, nested records and enums written out in place. */
    public static Map<String, Object> inline(Class<? extends Record> type) {
        return new JsonSchemas(null, null).record(type);
    }

    /**
     * Named schemas of the given records and enums and of every record and enum they reach, each by its simple
     * name, with references between them as {@code refPrefix + name} (e.g. {@code #/components/schemas/}).
     */
    public static Map<String, Object> components(List<? extends Class<?>> roots, String refPrefix) {
        JsonSchemas schemas = new JsonSchemas(new LinkedHashMap<>(), refPrefix);
        roots.forEach(schemas::named);
        return schemas.components;
    }

    /** The snake_case JSON name of a record component. */
    public static String jsonName(RecordComponent c) {
        return SNAKE.translate(c.getName());
    }

    private Map<String, Object> named(Class<?> type) {
        if (components == null) {
            return type.isEnum() ? enumSchema(type) : record(type);
        }
        String name = type.getSimpleName();
        if (!components.containsKey(name)) {
            components.put(name, null); // reserve the place first: records may refer to each other
            components.put(name, type.isEnum() ? enumSchema(type) : record(type));
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", refPrefix + name);
        return ref;
    }

    private Map<String, Object> record(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("No schema for " + type);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = jsonName(c);
            Map<String, Object> schema = of(c.getGenericType());
            if (c.isAnnotationPresent(Nullable.class)) {
                schema = nullable(schema);
            }
            properties.put(name, schema);
            JsonInclude include = c.getAccessor().getAnnotation(JsonInclude.class);
            if (include == null || include.value() == JsonInclude.Include.ALWAYS) {
                required.add(name);
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> enumSchema(Class<?> type) {
        if (!WireValue.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("Enum without wire strings: " + type);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "string");
        s.put("enum", Arrays.stream(type.getEnumConstants()).map(e -> ((WireValue) e).wire()).toList());
        return s;
    }

    private static Map<String, Object> nullable(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof String t && !t.equals("object") && !t.equals("array")) {
            Map<String, Object> copy = new LinkedHashMap<>(schema);
            copy.put("type", List.of(t, "null"));
            if (copy.containsKey("enum")) {
                List<Object> values = new ArrayList<>((List<?>) copy.get("enum"));
                values.add(null);
                copy.put("enum", values);
            }
            return copy;
        }
        Map<String, Object> any = new LinkedHashMap<>();
        any.put("anyOf", List.of(schema, Map.of("type", "null")));
        return any;
    }

    private Map<String, Object> of(Type type) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            s.put("type", "array");
            s.put("items", of(pt.getActualTypeArguments()[0]));
            return s;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() == Map.class
                && pt.getActualTypeArguments()[0] == String.class) {
            s.put("type", "object");
            s.put("additionalProperties", of(pt.getActualTypeArguments()[1]));
            return s;
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("No schema for " + type);
        }
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == long.class || c == int.class || c == Long.class || c == Integer.class) {
            s.put("type", "integer");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == Instant.class) {
            s.put("type", "string");
            s.put("format", "date-time");
        } else if (c.isEnum() || c.isRecord()) {
            return named(c);
        } else {
            throw new IllegalArgumentException("No schema for " + c);
        }
        return s;
    }
}
