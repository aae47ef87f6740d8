package io.rungu.mcp.internal.tools;

import io.rungu.model.Range;
import io.rungu.model.WireValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool argument: the single place its JSON Schema and its parsing come from. Limits are declared for the
 * agent's benefit; the Board and the model enforce them with their own messages.
 *
 * @param range   for a counted integer ({@code page}, {@code limit}, {@code days}): the model's one range rule, whose
 *                message also answers a value that is not a whole number
 * @param address true for the argument that names the thing acted on (a slug or an id), which REST carries in the
 *                path; it is not listed among the allowed fields when an unknown one is refused
 */
public record Param(String name, Kind kind, String description, boolean required, List<String> enumValues,
                    Range range, Integer maxLength, Object defaultValue, boolean address) {

    /** The JSON type of an argument. */
    public enum Kind { STRING, INTEGER, BOOLEAN, STRING_LIST }

    public static Param string(String name, String description) {
        return new Param(name, Kind.STRING, description, false, null, null, null, null, false);
    }

    /** A counted integer following the model's {@link Range} rule; its name is the range's. */
    public static Param counted(Range range, String description, Integer defaultValue) {
        return new Param(range.name(), Kind.INTEGER, description, false, null, range, null, defaultValue, false);
    }

    public static Param bool(String name, String description) {
        return new Param(name, Kind.BOOLEAN, description, false, null, null, null, null, false);
    }

    /** A list of strings; {@code maxLength} bounds its items' count in the schema. */
    public static Param stringList(String name, String description) {
        return new Param(name, Kind.STRING_LIST, description, false, null, null, null, null, false);
    }

    /** A string restricted to the given values. */
    public static Param oneOf(String name, String description, List<String> values) {
        return new Param(name, Kind.STRING, description, false, values, null, null, null, false);
    }

    /** A string restricted to the wire values of a model enum. */
    public static <E extends Enum<E> & WireValue> Param oneOf(String name, String description, Class<E> type) {
        List<String> values = Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
        return new Param(name, Kind.STRING, description, false, values, null, null, null, false);
    }

    public Param asRequired() {
        return new Param(name, kind, description, true, enumValues, range, maxLength, defaultValue, address);
    }

    /** This argument names the thing acted on (REST has it in the path). */
    public Param asAddress() {
        return new Param(name, kind, description, required, enumValues, range, maxLength, defaultValue, true);
    }

    public Param maxLength(int max) {
        return new Param(name, kind, description, required, enumValues, range, max, defaultValue, address);
    }

    public Param withDefault(Object value) {
        return new Param(name, kind, description, required, enumValues, range, maxLength, value, address);
    }

    public Param describedAs(String text) {
        return new Param(name, kind, text, required, enumValues, range, maxLength, defaultValue, address);
    }

    /** This argument's JSON Schema. */
    public Map<String, Object> schema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", switch (kind) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case STRING_LIST -> "array";
        });
        if (kind == Kind.STRING_LIST) {
            s.put("items", Map.of("type", "string"));
        }
        s.put("description", description);
        if (enumValues != null) {
            s.put("enum", enumValues);
        }
        if (range != null) {
            s.put("minimum", 1);
            s.put("maximum", range.max());
        }
        if (maxLength != null) {
            s.put(kind == Kind.STRING_LIST ? "maxItems" : "maxLength", maxLength);
        }
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return s;
    }
}
