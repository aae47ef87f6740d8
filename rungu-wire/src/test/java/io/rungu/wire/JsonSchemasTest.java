package io.rungu.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    @Test
    @SuppressWarnings("unchecked")
    void an_inline_schema_writes_nested_records_and_enums_in_place() {
        Map<String, Object> schema = JsonSchemas.inline(Wire.PostDetail.class);
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertThat(props).containsKeys("project_id", "user_voted", "done_at");
        assertThat((Map<String, Object>) props.get("done_at")).containsEntry("type", List.of("string", "null"))
                .containsEntry("format", "date-time");
        // A post's status is one of its board's own statuses: a string, not a fixed list.
        assertThat((Map<String, Object>) props.get("status")).isEqualTo(Map.of("type", "string"));
        assertThat((Map<String, Object>) props.get("creator")).containsEntry("type", "object");
        assertThat((List<String>) schema.get("required")).hasSize(props.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void components_refer_to_each_other_and_name_every_enum() {
        Map<String, Object> components = JsonSchemas.components(Wire.ENTITIES, "#/components/schemas/");
        assertThat(components).containsKeys("PostDetail", "Creator", "Status", "StatusKind", "Category", "Tag", "Role", "TokenScope",
                "ErrorCode", "Error", "Roadmap", "ApiToken", "Me");
        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) components.get("PostDetail")).get("properties");
        assertThat(post.get("creator")).isEqualTo(Map.of("$ref", "#/components/schemas/Creator"));
        assertThat(((Map<String, Object>) components.get("ErrorCode")).get("enum"))
                .isEqualTo(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_component_left_out_when_null_is_not_required() {
        Map<String, Object> error = (Map<String, Object>) JsonSchemas.components(List.of(Wire.Error.class), "#/")
                .get("Error");
        assertThat((List<String>) error.get("required")).containsExactly("error", "code", "fields");
        assertThat((Map<String, Object>) error.get("properties")).containsKey("request_id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void string_maps_have_typed_values() {
        Map<String, Object> stats = JsonSchemas.inline(Wire.Stats.class);
        Map<String, Object> props = (Map<String, Object>) stats.get("properties");
        assertThat(props.get("by_status")).isEqualTo(Map.of("type", "object", "additionalProperties", Map.of("type", "integer")));
    }
}
