package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailsTest {
    @Test
    void only_ascii_letters_are_lower_cased() {
        assertThat(Emails.normalize("  Victim.KIM@Example.COM ")).isEqualTo("victim.kim@example.com");
        assertThat(Emails.normalize("victim.\u212Aim@example.com")).isEqualTo("victim.\u212Aim@example.com");
    }

    @Test
    void addresses_that_fold_into_other_letters_are_recognised() {
        assertThat(Emails.changesUnderCaseFolding("victim.\u212Aim@example.com")).isTrue(); // Kelvin sign -> k
        assertThat(Emails.changesUnderCaseFolding("\u017Fam@example.com")).isTrue(); // long s -> S -> s
        assertThat(Emails.changesUnderCaseFolding("\u0130lker@example.com")).isTrue(); // dotted capital I
        assertThat(Emails.changesUnderCaseFolding("Victim.Kim@Example.com")).isFalse();
        assertThat(Emails.changesUnderCaseFolding("élise@exemple.fr")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void normalizeSafely_lower_cases_ascii_and_refuses_look_alikes() {
        org.assertj.core.api.Assertions.assertThat(Emails.normalizeSafely("  Ada@Example.COM ")).isEqualTo("ada@example.com");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Emails.normalizeSafely("victim.\u212Aim@example.com"))
                .isInstanceOf(RunguException.class)
                .hasMessageContaining("change under Unicode case mapping");
    }
}
