package io.rungu.mcp.internal.tools;

import io.rungu.model.Actor;
import java.util.List;

/**
 * One tool, declared in one place: its name and description, its arguments (schema and parsing), its output
 * record (schema and shape), its behaviour hints, and the Board call it adapts.
 *
 * @param write       true when the tool changes data; hidden from read-only actors and servers
 * @param destructive true when it may overwrite or delete data
 * @param idempotent  true when repeating the same call changes nothing more
 */
public record ToolSpec(String name, String title, String description, boolean write, boolean destructive,
                       boolean idempotent, List<Param> params, Class<? extends Record> output, Handler handler) {

    /** Runs the tool for an actor; throws {@link io.rungu.model.RunguException} for domain failures. */
    @FunctionalInterface
    public interface Handler {
        Record call(Actor actor, Args args);
    }

    static ToolSpec read(String name, String title, String description, List<Param> params,
                         Class<? extends Record> output, Handler handler) {
        return new ToolSpec(name, title, description, false, false, true, params, output, handler);
    }

    static ToolSpec write(String name, String title, String description, boolean destructive, boolean idempotent,
                          List<Param> params, Class<? extends Record> output, Handler handler) {
        return new ToolSpec(name, title, description, true, destructive, idempotent, params, output, handler);
    }
}
