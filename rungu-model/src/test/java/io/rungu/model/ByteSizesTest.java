package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void sizes_are_read_in_binary_units() {
        assertThat(ByteSizes.parse("512KiB")).isEqualTo(512L * 1024);
        assertThat(ByteSizes.parse("200MiB")).isEqualTo(200L * 1024 * 1024);
        assertThat(ByteSizes.parse(" 5 gib ")).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(ByteSizes.parse("1TiB")).isEqualTo(1L << 40);
        assertThat(ByteSizes.parse("1000")).isEqualTo(1000);
        assertThat(ByteSizes.parse("0")).isZero();
    }

    @Test
    void anything_else_is_refused_with_an_example() {
        for (String bad : new String[] {"", "200MB", "-1MiB", "1.5GiB", "lots", "99999999999999TiB"}) {
            assertThatThrownBy(() -> ByteSizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ByteSizes.parse("200MB")).hasMessageContaining("200MiB");
    }

    @Test
    void sizes_are_described_in_the_largest_readable_unit() {
        assertThat(ByteSizes.describe(200L * 1024 * 1024)).isEqualTo("200 MiB");
        assertThat(ByteSizes.describe(1536L * 1024 * 1024)).isEqualTo("1.5 GiB");
        assertThat(ByteSizes.describe(512 * 1024)).isEqualTo("512 KiB");
        assertThat(ByteSizes.describe(12)).isEqualTo("12 bytes");
    }
}
