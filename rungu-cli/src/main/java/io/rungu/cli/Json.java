package io.rungu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rungu.model.Project;
import io.rungu.model.User;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The {@code --json} output of list commands: snake_case fields, as in the REST API, one document per run. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    record ProjectJson(String id, String slug, String name, String description, String createdAt, long postCount) {
        static ProjectJson of(Project p) {
            return new ProjectJson(p.id(), p.slug(), p.name(), p.description(), text(p.createdAt()), p.postCount());
        }
    }

    record UserJson(String id, String email, String name, String role, String createdAt, String lastLogin) {
        static UserJson of(User u) {
            return new UserJson(u.id(), u.email(), u.name(), u.role().wire(), text(u.createdAt()), text(u.lastLogin()));
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
