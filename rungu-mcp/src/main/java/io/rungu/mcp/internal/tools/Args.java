package io.rungu.mcp.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        // The thing acted on first: an agent that misspelt "slug" is told it is missing, not that "slug" is unknown.
        for (Param p : params) {
            if (p.address() && p.required() && isAbsent(arguments.get(p.name()))) {
                throw missing(p);
            }
        }
        // Unknown fields get the same message as in REST, where the address is in the path.
        Set<String> known = params.stream().map(Param::name).collect(Collectors.toSet());
        List<String> fields = params.stream().filter(p -> !p.address()).map(Param::name).toList();
        for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw RunguException.unknownField(name, fields);
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Param p : params) {
            JsonNode node = arguments.get(p.name());
            Object value = isAbsent(node) ? null : convert(p, node);
            if (value == null && p.required()) {
                throw missing(p);
            }
            if (value != null) {
                values.put(p.name(), value);
            }
        }
        return new Args(values);
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static RunguException missing(Param p) {
        return RunguException.invalid(p.name(), "Missing required argument '" + p.name() + "'");
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
                // Every integer argument is counted: the model's one rule, as REST applies it to query text.
                if (node.isTextual()) {
                    return p.range().parse(node.asText());
                }
                throw p.range().refusal();
            }
            case STRING_LIST -> {
                if (!node.isArray()) {
                    throw wrongType(p, "a list of strings");
                }
                java.util.List<String> items = new java.util.ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        throw wrongType(p, "a list of strings");
                    }
                    items.add(item.asText());
                }
                return items;
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

    /** A list-of-strings argument, or null when absent. */
    @SuppressWarnings("unchecked")
    public java.util.List<String> list(String name) {
        return (java.util.List<String>) values.get(name);
    }
}
