package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeTest {
    @Test
    void a_value_out_of_range_or_not_a_whole_number_gets_the_one_message() {
        for (String bad : List.of("0", "366", "1000", "-1", "abc", "1.5", "7d", "99999999999")) {
            assertThatThrownBy(() -> Range.TRENDING_DAYS.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(RunguException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                        assertThat(e.getMessage()).isEqualTo("days must be between 1 and 365");
                        assertThat(e.fields()).containsEntry("days", "days must be between 1 and 365");
                    });
        }
    }

    @Test
    void a_value_in_range_is_kept_and_a_missing_one_is_null() {
        assertThat(Range.PER_PAGE.parse(" 100 ")).isEqualTo(100);
        assertThat(Range.PER_PAGE.parse("1")).isEqualTo(1);
        assertThat(Range.PER_PAGE.parse("")).isNull();
        assertThat(Range.PER_PAGE.parse(null)).isNull();
        assertThat(Range.ROADMAP_LIMIT.orDefault(null, 10)).isEqualTo(10);
    }

    @Test
    void pages_and_trending_queries_refuse_instead_of_clamping() {
        assertThatThrownBy(() -> PageRequest.of(0, null)).hasMessage("page must be between 1 and 10000");
        assertThatThrownBy(() -> PageRequest.of(1, 101)).hasMessage("per_page must be between 1 and 100");
        assertThatThrownBy(() -> PageRequest.of(1, 0)).hasMessage("per_page must be between 1 and 100");
        assertThat(PageRequest.of(null, null)).isEqualTo(PageRequest.FIRST);
        assertThatThrownBy(() -> TrendingQuery.of(1000, null)).hasMessage("days must be between 1 and 365");
        assertThatThrownBy(() -> TrendingQuery.of(null, 0)).hasMessage("limit must be between 1 and 100");
        assertThat(TrendingQuery.of(null, null)).isEqualTo(new TrendingQuery(7, 10));
    }
}
