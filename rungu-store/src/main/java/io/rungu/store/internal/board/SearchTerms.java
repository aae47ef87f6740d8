package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns any search text into plain words. Everything but letters, digits and combining marks separates words,
 * so hyphens, quotes, operators, parentheses, emoji and SQL metacharacters can never reach the query syntax.
 */
final class SearchTerms {
    private SearchTerms() {}

    /**
     * Words a similar-posts lookup ignores: English function words and the phrasing of a request ("please add",
     * "would like"), so that two wordings of one idea match on what they are about.
     */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but",
            "by", "can", "could", "did", "do", "does", "for", "from", "get", "had", "has", "have", "he", "her",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of",
            "on", "or", "our", "she", "should", "so", "some", "than", "that", "the", "their", "them", "then",
            "there", "these", "they", "this", "to", "us", "very", "was", "we", "were", "what", "when", "where",
            "which", "while", "who", "why", "will", "with", "would", "you", "your",
            "add", "allow", "able", "ability", "like", "need", "please", "pls", "want");

    /**
     * The words of {@code text}, lower-cased, at most {@link Limits#SEARCH_TERMS_MAX}; empty when nothing
     * searchable is left.
     *
     * @throws RunguException INVALID when the text is longer than {@link Limits#SEARCH_QUERY_MAX}
     */
    static List<String> of(String text) {
        return words(text, false);
    }

    /** As {@link #of}, without {@link #STOP_WORDS}: the first content words of the text. */
    static List<String> contentWords(String text) {
        return words(text, true);
    }

    /**
     * True when {@code text} has something in it but no word (only symbols, punctuation or emoji): such a search
     * finds nothing, while a blank one is no search at all.
     */
    static boolean unsearchable(String text) {
        return text != null && !text.isBlank() && of(text).isEmpty();
    }

    private static List<String> words(String text, boolean contentOnly) {
        if (text == null) {
            return List.of();
        }
        if (Text.length(text) > Limits.SEARCH_QUERY_MAX) {
            throw RunguException.invalid("q", "Search text must be " + Limits.SEARCH_QUERY_MAX
                    + " characters or less");
        }
        List<String> terms = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i <= text.length() && terms.size() < Limits.SEARCH_TERMS_MAX) {
            int cp = i < text.length() ? text.codePointAt(i) : -1;
            if (cp >= 0 && isWordChar(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                String w = word.toString().toLowerCase(Locale.ROOT);
                // Combining marks alone are no word: the databases index nothing for them.
                if (w.codePoints().anyMatch(Character::isLetterOrDigit) && !(contentOnly && STOP_WORDS.contains(w))) {
                    terms.add(w);
                }
                word.setLength(0);
            }
            i += cp >= 0 ? Character.charCount(cp) : 1;
        }
        return terms;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
