package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns any search text into plain words. Everything but letters, digits and combining marks separates words,
 * so hyphens, quotes, operators, parentheses, emoji and SQL metacharacters can never reach the query syntax.
 */
final class SearchTerms {
    private SearchTerms() {}

    /**
     * The words of {@code text}, lower-cased, at most {@link Limits#SEARCH_TERMS_MAX}; empty when nothing
     * searchable is left (then the search is ignored).
     *
     * @throws RunguException INVALID when the text is longer than {@link Limits#SEARCH_QUERY_MAX}
     */
    static List<String> of(String text) {
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
                terms.add(word.toString().toLowerCase(Locale.ROOT));
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
