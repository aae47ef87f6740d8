package io.rungu.mcp.internal.tools;

import io.rungu.wire.JsonSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schemas of tool inputs (from {@link Param}s) and outputs (from the {@link Outputs} records, by the wire model's generator). */
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

    /** The object schema of a record as the wire mapper writes it. */
    public static Map<String, Object> output(Class<? extends Record> type) {
        return JsonSchemas.inline(type);
    }
}
