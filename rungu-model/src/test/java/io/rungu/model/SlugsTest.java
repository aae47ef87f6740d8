package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The original's slug rules (§9.4, §7.6). */
class SlugsTest {
    @Test
    void slugify_lower_cases_and_joins_words_with_hyphens() {
        assertThat(Slugs.slugify("My App")).isEqualTo("my-app");
        assertThat(Slugs.slugify("My App! @#$")).isEqualTo("my-app");
        assertThat(Slugs.slugify("C++ Project")).isEqualTo("c-project");
        assertThat(Slugs.slugify("hello   world")).isEqualTo("hello-world");
    }

    @Test
    void slugify_trims_hyphens_and_spaces_at_the_ends() {
        assertThat(Slugs.slugify("  Hello  ")).isEqualTo("hello");
        assertThat(Slugs.slugify("---test---")).isEqualTo("test");
    }

    @Test
    void slugify_of_nothing_usable_is_empty() {
        assertThat(Slugs.slugify("")).isEmpty();
        assertThat(Slugs.slugify("!!!")).isEmpty();
    }

    @Test
    void non_ascii_letters_become_separators() {
        assertThat(Slugs.slugify("Café Résumé")).isEqualTo("caf-r-sum");
    }

    @Test
    void slugify_cuts_to_the_maximum_length_without_a_trailing_hyphen() {
        String slug = Slugs.slugify("a".repeat(79) + " b");
        assertThat(slug).isEqualTo("a".repeat(79));
        assertThat(Slugs.isValid(slug)).isTrue();
    }

    @Test
    void valid_slugs_are_lower_case_letters_digits_and_inner_hyphens() {
        assertThat(Slugs.isValid("my-app")).isTrue();
        assertThat(Slugs.isValid("myapp")).isTrue();
        assertThat(Slugs.isValid("my-app-123")).isTrue();
        assertThat(Slugs.isValid("a--b")).isTrue();
        assertThat(Slugs.isValid("")).isFalse();
        assertThat(Slugs.isValid("-myapp")).isFalse();
        assertThat(Slugs.isValid("myapp-")).isFalse();
        assertThat(Slugs.isValid("MyApp")).isFalse();
        assertThat(Slugs.isValid("my app")).isFalse();
        assertThat(Slugs.isValid("a".repeat(81))).isFalse();
        assertThat(Slugs.isValid(null)).isFalse();
    }
}
