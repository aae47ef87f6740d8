package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void parsing_the_stored_form_gives_back_the_instant_that_was_formatted() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2400-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Timestamps.truncate(
                    Instant.ofEpochSecond(random.nextLong(from, to), random.nextLong(1_000_000_000L)));
            assertThat(Timestamps.parse(Timestamps.format(instant))).isEqualTo(instant);
        }
    }

    @Test
    void leap_days_and_month_ends_parse_exactly() {
        for (String text : new String[] {"2024-02-29T23:59:59.999999Z", "2026-01-31T00:00:00.000000Z",
                "2026-12-31T12:30:45.000001Z", "2000-02-29T00:00:00.000000Z"}) {
            assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void text_that_is_not_the_stored_form_is_rejected() {
        for (String text : new String[] {"2026-06-27 10:00:00.123456Z", "2026-06-27T10:00:00Z",
                "2026-13-01T00:00:00.000000Z", "2026-0a-27T10:00:00.123456Z"}) {
            assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
