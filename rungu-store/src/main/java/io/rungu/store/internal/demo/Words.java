package io.rungu.store.internal.demo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pseudo-English text from a fixed vocabulary drawn with a Zipf-like distribution, so search sees frequent
 * short words and rare long ones, as in real feedback. With the generator's 50,000 words a board of 100k posts
 * holds words in almost every post, words in a few percent of them, and words in a handful (issue #16: a search
 * benchmark needs all three; 5,000 words left no word in fewer than about 100 posts of such a board).
 */
final class Words {
    private static final String[] ONSETS = {"b", "br", "c", "ch", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k",
        "l", "m", "n", "p", "pl", "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w", "z"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng"};

    private final List<String> vocabulary;

    Words(SplittableRandom random, int size) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < size) {
            // Earlier (more frequent) words get fewer syllables, like real text (the first thousand one syllable:
            // there are about 3,700 of them).
            int syllables = 1 + (words.size() < Math.min(1_000, size / 10) ? 0
                    : random.nextInt(words.size() < size / 10 ? 2 : 3));
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            }
            w.append(CODAS[random.nextInt(CODAS.length)]);
            words.add(w.toString());
        }
        vocabulary = List.copyOf(words);
    }

    /** One word; rank r is drawn with probability about proportional to 1/r. */
    String word(SplittableRandom random) {
        int rank = (int) Math.exp(random.nextDouble() * Math.log(vocabulary.size())) - 1;
        return vocabulary.get(Math.min(Math.max(rank, 0), vocabulary.size() - 1));
    }

    /** A capitalised phrase of {@code min..max} words. */
    String phrase(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder(capitalised(word(random)));
        for (int i = 1; i < n; i++) {
            s.append(' ').append(word(random));
        }
        return s.toString();
    }

    /** Sentences totalling {@code min..max} words. */
    String text(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder();
        int left = n;
        while (left > 0) {
            int len = Math.min(left, 4 + random.nextInt(10));
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(phrase(random, len, len)).append('.');
            left -= len;
        }
        return s.toString();
    }

    static String capitalised(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
