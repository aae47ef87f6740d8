package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The original's slug rules (§9.4, §7.6), with Latin accents transliterated and other scripts kept. */
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
    void latin_letters_lose_their_accents() {
        assertThat(Slugs.slugify("Café Résumé")).isEqualTo("cafe-resume");
        assertThat(Slugs.slugify("Straße Ærø Łódź")).isEqualTo("strasse-aero-lodz");
        assertThat(Slugs.slugify("Þórr Œuvre İstanbul Ñandú")).isEqualTo("thorr-oeuvre-istanbul-nandu");
        assertThat(Slugs.slugify("Ｆｕｌｌ　ｗｉｄｔｈ ﬁle")).isEqualTo("full-width-file");
    }

    @Test
    void letters_of_other_scripts_are_kept_lower_cased() {
        assertThat(Slugs.slugify("日本語ボード")).isEqualTo("日本語ボード");
        assertThat(Slugs.slugify("Доска Идей!")).isEqualTo("доска-идей");
        assertThat(Slugs.slugify("हिन्दी बोर्ड")).isEqualTo("हिन्दी-बोर्ड");
        assertThat(Slugs.slugify("Ελληνικά 2026")).isEqualTo("ελληνικά-2026");
        for (String name : new String[] {"日本語ボード", "Доска Идей!", "हिन्दी बोर्ड", "Ελληνικά 2026", "Café Résumé"}) {
            assertThat(Slugs.isValid(Slugs.slugify(name))).as(name).isTrue();
        }
    }

    @Test
    void ascii_names_give_the_slugs_they_always_gave() {
        for (String name : new String[] {"My App", "C++ Project", "  a--b  ", "v2.0 release notes", "x_y"}) {
            String old = name.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-+", "").replaceAll("-+$", "");
            assertThat(Slugs.slugify(name)).as(name).isEqualTo(old);
        }
    }

    @Test
    void the_length_limit_counts_code_points() {
        String slug = Slugs.slugify("語".repeat(100));
        assertThat(slug.codePointCount(0, slug.length())).isEqualTo(Limits.SLUG_MAX);
        assertThat(Slugs.isValid(slug)).isTrue();
        assertThat(Slugs.isValid("語".repeat(Limits.SLUG_MAX + 1))).isFalse();
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

    @Test
    void valid_slugs_may_hold_lower_case_letters_of_any_script_but_nothing_else() {
        assertThat(Slugs.isValid("日本語ボード")).isTrue();
        assertThat(Slugs.isValid("доска-идей")).isTrue();
        assertThat(Slugs.isValid("café")).isTrue();
        assertThat(Slugs.isValid("Доска")).as("upper case").isFalse();
        assertThat(Slugs.isValid("cafe\u0301")).as("not NFKC").isFalse();
        assertThat(Slugs.isValid("ｆｕｌｌ")).as("not NFKC").isFalse();
        assertThat(Slugs.isValid("a/b")).isFalse();
        assertThat(Slugs.isValid("a%20b")).isFalse();
        assertThat(Slugs.isValid("a.b")).isFalse();
        assertThat(Slugs.isValid("\u0301a")).as("starts with a mark").isFalse();
        assertThat(Slugs.isValid("🚀")).isFalse();
    }
}
