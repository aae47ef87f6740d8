package io.rungu.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Page;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.UserSummary;
import io.rungu.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rungu's JSON: field names and formats, and posts written from the kept text exactly as rendered. */
class JsonTest {
    final Json json = new Json();

    static PostView view(String title, long votes, boolean voted) {
        Post post = new Post("p1", "b1", title, "Line one\n\"quoted\" <b>ünïcode</b> \u2028 😀", PostStatus.PLANNED,
                PostCategory.BUG, votes, 2, "u1", Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:04:05Z"), null);
        return new PostView(post, new UserSummary("u1", "Ann", null), voted);
    }

    String text(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void aPostHasTheWireFieldsInOrder() {
        assertThat(text(Wire.post(view("Dark mode", 3, true)))).isEqualTo("{\"id\":\"p1\",\"project_id\":\"b1\",\"title\":\"Dark mode\","
                + "\"description\":\"Line one\\n\\\"quoted\\\" <b>ünïcode</b> \u2028 😀\",\"status\":\"planned\","
                + "\"category\":\"bug\",\"vote_count\":3,\"comment_count\":2,\"created_by\":\"u1\","
                + "\"created_at\":\"2026-01-02T03:04:05.678Z\",\"updated_at\":\"2026-01-02T03:04:05.000Z\","
                + "\"done_at\":null,\"creator\":{\"id\":\"u1\",\"name\":\"Ann\",\"avatar_url\":null},\"user_voted\":true,\"response\":null,\"merged_into\":null,\"pinned\":false,\"locked\":false,\"hidden\":false,\"approval\":\"approved\",\"tags\":[]}");
    }

    @Test
    void aKeptPostIsWrittenByteForByteAsRenderedAndEachVariantIsItsOwn() throws Exception {
        List<PostView> views = List.of(view("Dark mode", 3, true), view("Dark mode", 3, false), view("Export", 0, false));
        Json fresh = new Json();
        String expected = "{\"data\":[" + String.join(",", views.stream()
                .map(v -> new String(fresh.write(Wire.post(v)), StandardCharsets.UTF_8)).toList())
                + "],\"pagination\":{\"page\":1,\"per_page\":20,\"total\":3,\"total_pages\":1}}";
        var listing = Wire.listing(new Page<>(views, 1, 20, 3), Wire::post);

        String first = text(listing);
        assertThat(json.keptPosts()).isEqualTo(3);
        String second = text(listing);

        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        assertThat(json.keptPosts()).isEqualTo(3);
        JsonNode tree = json.mapper().readTree(second);
        assertThat(tree.at("/data/0/user_voted").asBoolean()).isTrue();
        assertThat(tree.at("/data/1/user_voted").asBoolean()).isFalse();
    }

    @Test
    void aChangedPostIsRenderedAgain() throws Exception {
        text(Wire.post(view("Dark mode", 3, false)));

        String changed = text(Wire.post(view("Dark mode", 4, false)));

        assertThat(json.mapper().readTree(changed).get("vote_count").asLong()).isEqualTo(4);
        assertThat(json.keptPosts()).isEqualTo(2);
    }
}
