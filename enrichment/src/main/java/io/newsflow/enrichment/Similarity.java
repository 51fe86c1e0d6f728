package io.newsflow.enrichment;

/** String similarity for de-duplicating keyphrases, as YAKE does with its {@code seqm}/{@code levs} measures. */
final class Similarity {

    private Similarity() {
    }

    /**
     * 1 minus the Levenshtein distance over the longer length: 1 for equal strings, 0 for nothing in common.
     * {@code coopération militaire} and {@code coopérations militaires} score 0.91.
     */
    static double levenshteinRatio(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return 1.0;
        }
        return 1.0 - (double) levenshtein(a, b) / longer;
    }

    static int levenshtein(String a, String b) {
        if (a.length() < b.length()) {
            String swap = a;
            a = b;
            b = swap;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
