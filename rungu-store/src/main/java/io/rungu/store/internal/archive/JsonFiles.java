package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rungu.model.RunguException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * JSON files of another board's API answers, read one record at a time: each file is an object whose arrays of
 * records are named ({@code {"hasMore": true, "posts": [...]}}). A record is read whole, nested objects included;
 * records are small, the arrays are not.
 */
final class JsonFiles {
    /** Most files a directory may hold. */
    static final int FILES_MAX = 100_000;
    private static final int DEPTH_MAX = 32;

    private final List<Path> files;

    private JsonFiles(List<Path> files) {
        this.files = files;
    }

    /** The {@code .json} files of a directory (in name order), or the one file given. */
    static JsonFiles at(Path source) {
        if (!Files.isDirectory(source)) {
            return new JsonFiles(List.of(source));
        }
        try (Stream<Path> list = Files.list(source)) {
            List<Path> files = list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().limit(FILES_MAX + 1L).toList();
            if (files.isEmpty()) {
                throw RunguException.invalid("from", "The directory " + source + " holds no .json files");
            }
            if (files.size() > FILES_MAX) {
                throw RunguException.invalid("from", "The directory " + source + " holds more than " + FILES_MAX
                        + " .json files");
            }
            return new JsonFiles(files);
        } catch (IOException e) {
            throw RunguException.invalid("from", "Cannot read " + source + ": " + e.getMessage());
        }
    }

    /** Hands every record of the arrays named {@code names}, in every file, to {@code each}. */
    void each(Set<String> names, Consumer<Map<String, Object>> each) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file); JsonParser json = ArchiveWriter.JSON.createParser(in)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw RunguException.invalid("from", file.getFileName() + " is not a JSON object of API answers");
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    if (!names.contains(field) || value != JsonToken.START_ARRAY) {
                        json.skipChildren();
                        continue;
                    }
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        each.accept(object(json, 0));
                    }
                }
            } catch (IOException e) {
                throw RunguException.invalid("from", "Not readable JSON: " + file.getFileName() + ": "
                        + e.getMessage());
            }
        }
    }

    private static Map<String, Object> object(JsonParser json, int depth) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            record.put(field, value(json, depth + 1));
        }
        return record;
    }

    private static Object value(JsonParser json, int depth) throws IOException {
        if (depth > DEPTH_MAX) {
            throw new IOException("values nest deeper than " + DEPTH_MAX + " levels");
        }
        return switch (json.currentToken()) {
            case START_OBJECT -> object(json, depth);
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(json, depth + 1));
                }
                yield items;
            }
            case VALUE_STRING -> json.getText();
            case VALUE_NUMBER_INT -> json.getLongValue();
            case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
