package io.rungu.store.internal.db;

/**
 * The words of an ASCII text as the search index's tokenizer ({@code unicode61}) makes them: runs of letters and
 * digits, case folded; every other ASCII character separates. Other characters are the tokenizer's own to fold and
 * split, so a text holding any is not read here.
 */
final class AsciiWords {
    private AsciiWords() {}

    /**
     * How many words of {@code text} each phrase matches ({@code prefixes[i]}: any word starting with
     * {@code words[i]}, else that word alone; {@code words} in lower case), and last the number of words; null when
     * the text holds a character outside ASCII. A null text has no words.
     */
    static int[] count(String text, String[] words, boolean[] prefixes) {
        int[] counts = new int[words.length + 1];
        if (text == null) {
            return counts;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7f) {
                return null;
            }
            boolean wordChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                counts[words.length]++;
                int length = i - start;
                char first = (char) (text.charAt(start) | 0x20); // lower case for letters, the same for digits
                for (int p = 0; p < words.length; p++) {
                    String word = words[p];
                    if (word.charAt(0) == first && (prefixes[p] ? length >= word.length() : length == word.length())
                            && text.regionMatches(true, start, word, 0, word.length())) {
                        counts[p]++;
                    }
                }
                start = -1;
            }
        }
        return counts;
    }
}
