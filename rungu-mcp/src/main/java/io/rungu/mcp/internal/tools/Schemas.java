package io.rungu.mcp.internal.tools;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

/** JSON Schemas of tool inputs (from {@link Param}s) and outputs (from the {@link Outputs} records). */
public final class Schemas {
    private Schemas() {}

    /** The object schema of a tool's arguments. */
    public static Map<String, Object> input(List<Param> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : params) {
            properties.put(p.name(), p.schema());
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The object schema of a record as the server's mapper writes it. */
    public static Map<String, Object> output(Class<? extends Record> type) {
        return record(type);
    }

    private static Map<String, Object> record(Class<?> type) {
        boolean snake = type.isAnnotationPresent(JsonNaming.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = snake ? new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()) : c.getName();
            Map<String, Object> schema = of(c.getGenericType());
            if (c.isAnnotationPresent(Nullable.class)) {
                schema = nullable(schema);
            }
            properties.put(name, schema);
            required.add(name);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
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

    private static Map<String, Object> of(Type type) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            s.put("type", "array");
            s.put("items", of(pt.getActualTypeArguments()[0]));
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
        } else if (c.isEnum() && WireValue.class.isAssignableFrom(c)) {
            s.put("type", "string");
            s.put("enum", Arrays.stream(c.getEnumConstants()).map(e -> ((WireValue) e).wire()).toList());
        } else if (c.isRecord()) {
            return record(c);
        } else {
            throw new IllegalArgumentException("No schema for " + c);
        }
        return s;
    }
}
