package io.rungu.mcp.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tool's arguments, checked against its declared {@link Param}s: names, JSON types and presence. Failures are
 * {@link RunguException}s (INVALID), so the agent gets them as a tool result it can correct.
 */
public final class Args {
    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    public static Args parse(List<Param> params, ObjectNode arguments) {
        Map<String, Param> byName = params.stream().collect(Collectors.toMap(Param::name, p -> p));
        Iterator<String> names = arguments.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!byName.containsKey(name)) {
                String known = params.isEmpty() ? "none" : params.stream().map(Param::name).collect(Collectors.joining(", "));
                throw RunguException.invalid(name, "Unknown argument '" + name + "'; this tool takes: " + known);
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Param p : params) {
            JsonNode node = arguments.get(p.name());
            Object value = node == null || node.isNull() ? null : convert(p, node);
            if (value == null && p.required()) {
                throw RunguException.invalid(p.name(), "Missing required argument '" + p.name() + "'");
            }
            if (value != null) {
                values.put(p.name(), value);
            }
        }
        return new Args(values);
    }

    private static Object convert(Param p, JsonNode node) {
        switch (p.kind()) {
            case STRING -> {
                if (!node.isTextual()) {
                    throw wrongType(p, "a string");
                }
                // An empty optional filter means "no filter"; agents often send "" for "any".
                if (p.enumValues() != null && !p.required() && node.asText().isBlank()) {
                    return null;
                }
                return node.asText();
            }
            case INTEGER -> {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                        && Math.abs(node.doubleValue()) <= Integer.MAX_VALUE) {
                    return (int) node.doubleValue();
                }
                if (node.isTextual()) {
                    try {
                        return Integer.parseInt(node.asText().trim());
                    } catch (NumberFormatException e) {
                        throw wrongType(p, "an integer");
                    }
                }
                throw wrongType(p, "an integer");
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
                    return Boolean.parseBoolean(node.asText());
                }
                throw wrongType(p, "true or false");
            }
        }
        throw new IllegalStateException("unhandled kind " + p.kind());
    }

    private static RunguException wrongType(Param p, String expected) {
        return new RunguException(ErrorCode.INVALID, "Argument '" + p.name() + "' must be " + expected,
                Map.of(p.name(), "must be " + expected));
    }

    /** A string argument, or null when absent. */
    public String string(String name) {
        return (String) values.get(name);
    }

    /** An integer argument, or null when absent. */
    public Integer integer(String name) {
        return (Integer) values.get(name);
    }

    /** An integer argument, or {@code fallback} when absent. */
    public int integer(String name, int fallback) {
        Integer v = integer(name);
        return v == null ? fallback : v;
    }

    /** A boolean argument, or null when absent. */
    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }
}
