package io.rungu.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code webapp/src/lib/types.ts} from the OpenAPI document: a TypeScript type per component schema (enums
 * as unions, records as interfaces), the page envelope, and {@code LIMITS} from {@code x-rungu-limits}. It runs as
 * a test because the web app is built before rungu-http; {@link WebAppTypesTest} keeps the committed file current.
 */
final class WebAppTypes {
    static final String COMMAND = "./mvnw -pl rungu-http test -Dtest=WebAppTypesTest -Drungu.regenerate=true";

    private WebAppTypes() {}

    static String generate(JsonNode openApi) {
        StringBuilder ts = new StringBuilder();
        ts.append("// Generated from the OpenAPI document (GET /api/openapi.json) by rungu-http's WebAppTypes. Do not edit:\n")
                .append("// change the records in rungu-wire or the limits in rungu-model, then run\n")
                .append("//   ").append(COMMAND).append('\n');
        JsonNode schemas = openApi.get("components").get("schemas");
        schemas.fields().forEachRemaining(e -> {
            JsonNode schema = e.getValue();
            if (schema.has("enum")) {
                List<String> values = new ArrayList<>();
                schema.get("enum").forEach(v -> values.add(quote(v.asText())));
                ts.append("\nexport type ").append(e.getKey()).append(" = ").append(String.join(" | ", values)).append(";\n");
            } else if (schema.has("properties")) {
                interfaceOf(ts, e.getKey(), schema);
            }
        });
        ts.append("\n/** A page of a list, as every list route answers. */\n")
                .append("export interface Paged<T> {\n  data: T[];\n  pagination: Pagination;\n}\n");
        ts.append("\n/** Server-side input limits (rungu-model Limits), checked here too so users see a problem before submitting. */\n")
                .append("export const LIMITS = {\n");
        openApi.get("x-rungu-limits").fields().forEachRemaining(e ->
                ts.append("  ").append(limitName(e.getKey())).append(": ").append(e.getValue().asLong()).append(",\n"));
        ts.append("} as const;\n");
        ts.append("\nexport * from './ui';\n");
        return ts.toString();
    }

    private static void interfaceOf(StringBuilder ts, String name, JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ts.append("\nexport interface ").append(name).append(" {\n");
        schema.get("properties").fields().forEachRemaining(p -> ts.append("  ").append(p.getKey())
                .append(required.contains(p.getKey()) ? ": " : "?: ").append(type(p.getValue())).append(";\n"));
        ts.append("}\n");
    }

    static String type(JsonNode s) {
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (s.has("anyOf")) {
            List<String> types = new ArrayList<>();
            s.get("anyOf").forEach(t -> types.add(type(t)));
            return String.join(" | ", types);
        }
        JsonNode t = s.get("type");
        if (t != null && t.isArray()) {
            List<String> types = new ArrayList<>();
            t.forEach(one -> types.add(one.asText().equals("null") ? "null" : primitive(one.asText(), s)));
            return String.join(" | ", types);
        }
        return primitive(t == null ? "object" : t.asText(), s);
    }

    private static String primitive(String type, JsonNode s) {
        return switch (type) {
            case "string" -> "string";
            case "integer", "number" -> "number";
            case "boolean" -> "boolean";
            case "null" -> "null";
            case "array" -> {
                String item = type(s.get("items"));
                yield item.contains(" ") ? "(" + item + ")[]" : item + "[]";
            }
            case "object" -> s.has("additionalProperties")
                    ? "Record<string, " + type(s.get("additionalProperties")) + ">" : "Record<string, unknown>";
            default -> throw new IllegalArgumentException("No TypeScript type for " + s);
        };
    }

    /** {@code project_name_max} becomes {@code projectName}, {@code attachment_max_bytes} {@code attachmentBytes}. */
    static String limitName(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("_")) {
            if (part.equals("max")) {
                continue;
            }
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
