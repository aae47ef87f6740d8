package io.rungu.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireJsonTest {
    private final ObjectMapper mapper = WireJson.newMapper();

    @Test
    void timestamps_always_have_three_fraction_digits_and_z() {
        assertThat(WireJson.timestamp(Instant.parse("2025-12-06T08:33:43Z"))).isEqualTo("2025-12-06T08:33:43.000Z");
        assertThat(WireJson.timestamp(Instant.parse("2026-12-06T09:32:32.402783Z"))).isEqualTo("2026-12-06T09:32:32.402Z");
        assertThat(WireJson.timestamp(Instant.parse("2026-12-06T09:32:32.4Z"))).isEqualTo("2026-12-06T09:32:32.400Z");
    }

    @Test
    void finer_digits_are_cut_not_rounded() {
        assertThat(WireJson.timestamp(Instant.parse("2026-12-31T23:59:59.999999999Z"))).isEqualTo("2026-12-31T23:59:59.999Z");
    }

    @Test
    void instants_in_records_use_the_timestamp_format() throws Exception {
        var me = new Wire.User("u1", "a@example.com", null, null, Role.ADMIN, Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:05.123456Z"), false);
        assertThat(mapper.writeValueAsString(me)).isEqualTo("{\"id\":\"u1\",\"email\":\"a@example.com\",\"name\":null,"
                + "\"avatar_url\":null,\"role\":\"admin\",\"created_at\":\"2026-01-02T03:04:05.000Z\","
                + "\"last_login\":\"2026-01-02T03:04:05.123Z\",\"blocked\":false}");
    }

    @Test
    void names_are_snake_case_nulls_are_written_and_enums_are_wire_strings() throws Exception {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        var post = new Wire.PostDetail("p1", "b1", "Dark mode", null, PostStatus.IN_PROGRESS.wire(),
                PostCategory.FEATURE.wire(), 3, 1, "u1", t, t, null, new Wire.Creator("u1", "Ann", null), true, null,
                null, false, false, false, io.rungu.model.Approval.APPROVED, java.util.List.of("mobile"));
        String json = mapper.writeValueAsString(post);
        assertThat(json).contains("\"project_id\":\"b1\"", "\"description\":null", "\"status\":\"in_progress\"",
                "\"category\":\"feature\"", "\"done_at\":null", "\"user_voted\":true", "\"avatar_url\":null",
                "\"response\":null", "\"tags\":[\"mobile\"]");
    }

    @Test
    void a_timeline_entry_has_both_keys_the_one_that_does_not_apply_null() throws Exception {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        var ann = new io.rungu.model.UserSummary("u1", "Ann", null);
        var change = new io.rungu.model.StatusChange("s1", "p1", PostStatus.OPEN, PostStatus.DONE, "Shipped", ann, t);
        assertThat(mapper.writeValueAsString(Wire.timelineEntry(new io.rungu.model.TimelineItem.StatusItem(change))))
                .isEqualTo("{\"type\":\"status_change\",\"comment\":null,\"status_change\":{\"id\":\"s1\","
                        + "\"post_id\":\"p1\",\"from\":\"open\",\"to\":\"done\",\"response\":\"Shipped\","
                        + "\"creator\":{\"id\":\"u1\",\"name\":\"Ann\",\"avatar_url\":null},"
                        + "\"created_at\":\"2026-05-01T10:00:00.000Z\"},\"merge\":null}");
    }

    @Test
    void the_request_id_of_an_error_is_left_out_unless_there_is_one() throws Exception {
        var body = Wire.error(io.rungu.model.ErrorBody.of(io.rungu.model.RunguException.invalid("title", "Title is required")));
        assertThat(mapper.writeValueAsString(body))
                .isEqualTo("{\"error\":\"Title is required\",\"code\":\"invalid\",\"fields\":{\"title\":\"Title is required\"}}");
        assertThat(mapper.writeValueAsString(Wire.internal("r-1")))
                .isEqualTo("{\"error\":\"Internal server error\",\"code\":\"internal\",\"fields\":{},\"request_id\":\"r-1\"}");
    }

    @Test
    void each_call_makes_a_mapper_of_its_own() {
        assertThat(WireJson.newMapper()).isNotSameAs(WireJson.newMapper());
    }
}
