package io.rungu.mcp.internal.tools;

import io.rungu.model.WireValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool argument: the single place its JSON Schema and its parsing come from. Limits are declared for the
 * agent's benefit; the Board enforces them with its own messages.
 */
public record Param(String name, Kind kind, String description, boolean required, List<String> enumValues,
                    Integer minimum, Integer maximum, Integer maxLength, Object defaultValue) {

    /** The JSON type of an argument. */
    public enum Kind { STRING, INTEGER, BOOLEAN }

    public static Param string(String name, String description) {
        return new Param(name, Kind.STRING, description, false, null, null, null, null, null);
    }

    public static Param integer(String name, String description, int min, int max, Integer defaultValue) {
        return new Param(name, Kind.INTEGER, description, false, null, min, max, null, defaultValue);
    }

    public static Param bool(String name, String description) {
        return new Param(name, Kind.BOOLEAN, description, false, null, null, null, null, null);
    }

    /** A string restricted to the wire values of a model enum. */
    public static <E extends Enum<E> & WireValue> Param oneOf(String name, String description, Class<E> type) {
        List<String> values = Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
        return new Param(name, Kind.STRING, description, false, values, null, null, null, null);
    }

    public Param asRequired() {
        return new Param(name, kind, description, true, enumValues, minimum, maximum, maxLength, defaultValue);
    }

    public Param maxLength(int max) {
        return new Param(name, kind, description, required, enumValues, minimum, maximum, max, defaultValue);
    }

    public Param withDefault(Object value) {
        return new Param(name, kind, description, required, enumValues, minimum, maximum, maxLength, value);
    }

    public Param describedAs(String text) {
        return new Param(name, kind, text, required, enumValues, minimum, maximum, maxLength, defaultValue);
    }

    /** This argument's JSON Schema. */
    public Map<String, Object> schema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", switch (kind) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
        });
        s.put("description", description);
        if (enumValues != null) {
            s.put("enum", enumValues);
        }
        if (minimum != null) {
            s.put("minimum", minimum);
        }
        if (maximum != null) {
            s.put("maximum", maximum);
        }
        if (maxLength != null) {
            s.put("maxLength", maxLength);
        }
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return s;
    }
}
