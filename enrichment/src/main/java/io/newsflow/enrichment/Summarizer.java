package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An extractive summary: a few whole sentences of the article's body, in their order, chosen by TextRank (Mihalcea
 * and Tarau, "TextRank: Bringing Order into Texts", EMNLP 2004) with a lead bias.
 *
 * <p>Sentences come from {@link TextTokenizer}, so abbreviations ({@code M.}, {@code Gén.}) and closing quotes
 * ({@code réciproque. »}) do not cut them. Two sentences are as similar as the stems ({@link Stemmer}) of their
 * content words overlap, TextRank's {@code |Si ∩ Sj| / (log |Si| + log |Sj|)} (with {@code log(1 + |S|)}, so that
 * one-word sentences do not divide by zero). A sentence's rank is its PageRank in that graph, the random jump
 * landing on sentence i (0 for the body's first) with a probability proportional to {@code 1 / (i + 1)}: news puts
 * the essentials first, and the jump is what biased TextRank (Kazemi et al., COLING 2020) uses to steer the rank.
 * The rank is then multiplied by one plus the sentence's share of the headline, Edmundson's title feature ("New
 * methods in automatic extracting", JACM 1969) weighted by rarity: the sum, over the headline's stems in the
 * sentence, of one over the number of body sentences holding the stem. A headline word that only one sentence
 * repeats ({@code renforcer}) marks the sentence that carries the headline's news. Sentences are taken best first,
 * skipping one that repeats a chosen one (most of its stems already there).
 *
 * <p>Never chosen: sentences of fewer than {@value #MIN_WORDS} words or longer than {@value #MAX_SENTENCE_CHARS}
 * characters (a run of text without a stop is no sentence, and the summary travels in every event), in capitals, ending in {@code :} or
 * {@code …} (teasers, lead-ins to lists), shorter than {@value #MIN_WORDS_UNPUNCTUATED} words without a final
 * stop (headings, captions), with the headline's words and no others (the headline repeated in the body), with
 * fewer than two lower-case content words (tag lines and bylines rarely have a verb or a common noun), or starting
 * like the lines pages add around articles
 * ({@code boilerplate.txt}: {@code Lire aussi}, {@code Read more}, {@code اقرأ أيضا}). The title is not part of
 * the summary. Instances are immutable and safe to share between threads.
 */
public final class Summarizer {

    static final double DAMPING = 0.85;
    static final int MAX_ITERATIONS = 100;
    static final double CONVERGENCE = 1e-6;
    static final int MIN_WORDS = 6;
    // Headings, captions and repeated headlines have no final stop; long prose without one is still prose.
    static final int MIN_WORDS_UNPUNCTUATED = 15;
    // Far above any sentence of news prose (a long one is 60 words, some 400 characters), so that a summary stays
    // a few kilobytes whatever the text.
    static final int MAX_SENTENCE_CHARS = 1000;
    static final int MIN_LOWER_CASE_WORDS = 2;
    static final double CAPITALS_SHARE = 0.7;
    static final double REPETITION = 0.7;

    private static final String EVERY_LANGUAGE = "*";
    private static final String OPENERS = "«“\"‘'([¿¡";
    private static final String CLOSERS = "»”\"’')]";

    private final Map<String, LanguageProfile> profiles = new HashMap<>();
    private final LanguageProfile neutral = LanguageProfile.of("");
    private final Map<String, List<String>> boilerplate = loadBoilerplate();

    /**
     * Sentences ranked at most, the first ones of the body: ranking compares every pair, so the cost is quadratic,
     * and a text of tens of thousands of short sentences would need gigabytes. News puts what matters first, and the
     * ranking's lead bias already favours the start; a long article has about a hundred sentences.
     */
    static final int MAX_CANDIDATES = 300;

    public Summarizer() {
        for (String code : LanguageDetector.DEFAULT_LANGUAGES) {
            profiles.put(code, LanguageProfile.of(code));
        }
    }

    /**
     * @param title        the headline, which the sentences are not taken from; may be null
     * @param text         the body; may be null
     * @param language     ISO 639-1 code, for stop words, stems and boilerplate
     * @param maxSentences how many sentences at most; fewer when the body has fewer worth taking
     * @return the chosen sentences as written, in their order, separated by a space; empty when none qualifies
     */
    public String summarize(String title, String text, String language, int maxSentences) {
        return summarize(TokenSource.of(title, text), language, maxSentences);
    }

    String summarize(TokenSource article, String language, int maxSentences) {
        LanguageProfile profile = language == null ? neutral : profiles.getOrDefault(language, neutral);
        TextTokenizer.Tokens tokens = article.tokens(profile);
        List<Sentence> sentences = new ArrayList<>();
        Set<String> titleStems = new HashSet<>();
        for (int s = 0; s < tokens.titleSentences; s++) {
            titleStems.addAll(new Sentence(tokens, s).stems);
        }
        for (int s = tokens.titleSentences; s < tokens.sentences && sentences.size() < MAX_CANDIDATES; s++) {
            Sentence sentence = new Sentence(tokens, s);
            if (worthTaking(sentence, language) && !sentence.stems.equals(titleStems)) {
                sentences.add(sentence);
            }
        }
        if (sentences.isEmpty() || maxSentences <= 0) {
            return "";
        }
        double[] rank = rank(sentences);
        double[] aboutTitle = titleRelevance(sentences, titleStems);
        for (int i = 0; i < rank.length; i++) {
            rank[i] *= 1 + aboutTitle[i];
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rank[a] != rank[b] ? Double.compare(rank[b], rank[a]) : Integer.compare(a, b));
        List<Integer> chosen = new ArrayList<>(maxSentences);
        for (int candidate : order) {
            if (chosen.size() == maxSentences) {
                break;
            }
            if (!repeatsAny(sentences.get(candidate), chosen, sentences)) {
                chosen.add(candidate);
            }
        }
        chosen.sort(null);
        StringBuilder summary = new StringBuilder();
        for (int i : chosen) {
            if (summary.length() > 0) {
                summary.append(' ');
            }
            summary.append(sentences.get(i).text);
        }
        return summary.toString();
    }

    /** One sentence of the body: its text as written and the stems of its content words. */
    private static final class Sentence {
        final String text;
        final Set<String> stems = new HashSet<>();
        int words;
        int lowerCaseWords;

        Sentence(TextTokenizer.Tokens tokens, int s) {
            int first = tokens.sentenceStart[s];
            int end = s + 1 < tokens.sentences ? tokens.sentenceStart[s + 1] : tokens.size;
            this.text = clean(tokens.source.substring(textStart(tokens, first),
                    s + 1 < tokens.sentences ? textStart(tokens, end) : tokens.source.length()));
            for (int k = first; k < end; k++) {
                if (tokens.letters[k] == 0) {
                    continue;
                }
                words++;
                if (!tokens.stop[k]) {
                    stems.add(tokens.stem(k));
                    if (!Character.isUpperCase(tokens.source.codePointAt(tokens.start[k]))) {
                        lowerCaseWords++;
                    }
                }
            }
        }

        /** Where a sentence's text starts: its first word, or the quote or bracket opening it. */
        private static int textStart(TextTokenizer.Tokens tokens, int firstToken) {
            int from = tokens.start[firstToken];
            String source = tokens.source;
            int i = from - 1;
            while (i >= 0 && source.charAt(i) == ' ') {
                i--;
            }
            while (i >= 0 && OPENERS.indexOf(source.charAt(i)) >= 0) {
                from = i;
                i--;
                while (i >= 0 && source.charAt(i) == ' ') {
                    i--;
                }
            }
            return from;
        }

        private static String clean(String text) {
            return TextTokenizer.singleSpaced(text).strip();
        }
    }

    private boolean worthTaking(Sentence sentence, String language) {
        String text = sentence.text;
        if (sentence.words < MIN_WORDS || text.length() > MAX_SENTENCE_CHARS
                || sentence.lowerCaseWords < MIN_LOWER_CASE_WORDS
                || text.endsWith(":") || text.endsWith("…") || text.endsWith("...")
                || sentence.words < MIN_WORDS_UNPUNCTUATED && !endsLikeASentence(text)) {
            return false;
        }
        int letters = 0;
        int capitals = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                capitals += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        if (capitals > CAPITALS_SHARE * letters) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String key : new String[] {EVERY_LANGUAGE, language}) {
            for (String start : boilerplate.getOrDefault(key, List.of())) {
                if (lower.startsWith(start) || EVERY_LANGUAGE.equals(key) && lower.contains(start)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** PageRank over the similarity graph, the random jump favouring the lead. */
    /** A final stop, question or exclamation mark, maybe inside closing quotes or brackets. */
    private static boolean endsLikeASentence(String text) {
        int i = text.length() - 1;
        while (i >= 0 && (CLOSERS.indexOf(text.charAt(i)) >= 0 || text.charAt(i) == ' ')) {
            i--;
        }
        return i >= 0 && ".!?؟…".indexOf(text.charAt(i)) >= 0;
    }

    private static double[] rank(List<Sentence> sentences) {
        int n = sentences.size();
        double[][] weight = new double[n][n];
        double[] outWeight = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double similarity = similarity(sentences.get(i), sentences.get(j));
                weight[i][j] = similarity;
                weight[j][i] = similarity;
                outWeight[i] += similarity;
                outWeight[j] += similarity;
            }
        }
        double[] jump = new double[n];
        double jumpTotal = 0;
        for (int i = 0; i < n; i++) {
            jump[i] = 1.0 / (i + 1);
            jumpTotal += jump[i];
        }
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            jump[i] /= jumpTotal;
            rank[i] = jump[i];
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[n];
            double dangling = 0;
            for (int j = 0; j < n; j++) {
                if (outWeight[j] == 0) {
                    dangling += rank[j];
                }
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                double incoming = 0;
                for (int j = 0; j < n; j++) {
                    if (weight[j][i] > 0) {
                        incoming += weight[j][i] / outWeight[j] * rank[j];
                    }
                }
                // A sentence like no other hands its rank back through the jump, so that ranks keep summing to 1.
                next[i] = (1 - DAMPING) * jump[i] + DAMPING * (incoming + dangling * jump[i]);
                change += Math.abs(next[i] - rank[i]);
            }
            rank = next;
            if (change < CONVERGENCE) {
                break;
            }
        }
        return rank;
    }

    /**
     * How much of the title a sentence takes up: the sum over the title's stems it holds of 1 / the number of body
     * sentences holding that stem, so that the word that only the headline and one sentence share counts most.
     */
    private static double[] titleRelevance(List<Sentence> sentences, Set<String> titleStems) {
        Map<String, Integer> sentencesWith = new HashMap<>();
        for (Sentence sentence : sentences) {
            for (String stem : sentence.stems) {
                if (titleStems.contains(stem)) {
                    sentencesWith.merge(stem, 1, Integer::sum);
                }
            }
        }
        double[] relevance = new double[sentences.size()];
        for (int i = 0; i < relevance.length; i++) {
            for (String stem : sentences.get(i).stems) {
                Integer count = sentencesWith.get(stem);
                if (count != null) {
                    relevance[i] += 1.0 / count;
                }
            }
        }
        return relevance;
    }

    private static double similarity(Sentence a, Sentence b) {
        if (a.stems.isEmpty() || b.stems.isEmpty()) {
            return 0;
        }
        return overlap(a, b) / (Math.log(1 + a.stems.size()) + Math.log(1 + b.stems.size()));
    }

    private static int overlap(Sentence a, Sentence b) {
        Set<String> small = a.stems.size() <= b.stems.size() ? a.stems : b.stems;
        Set<String> large = small == a.stems ? b.stems : a.stems;
        int common = 0;
        for (String stem : small) {
            if (large.contains(stem)) {
                common++;
            }
        }
        return common;
    }

    /** Most of the sentence's stems already in a chosen one: it would say the same thing again. */
    private static boolean repeatsAny(Sentence candidate, List<Integer> chosen, List<Sentence> sentences) {
        for (int i : chosen) {
            Sentence other = sentences.get(i);
            int smaller = Math.min(candidate.stems.size(), other.stems.size());
            if (smaller > 0 && overlap(candidate, other) > REPETITION * smaller) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> loadBoilerplate() {
        Map<String, List<String>> starts = new HashMap<>();
        InputStream in = Summarizer.class.getResourceAsStream("boilerplate.txt");
        if (in == null) {
            throw new IllegalStateException("boilerplate.txt is missing beside " + Summarizer.class.getName());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int colon = line.indexOf(": ");
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                List<String> phrases = starts.computeIfAbsent(line.substring(0, colon).strip(),
                        any -> new ArrayList<>());
                for (String phrase : line.substring(colon + 2).split(",")) {
                    if (!phrase.isBlank()) {
                        phrases.add(phrase.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read boilerplate.txt", e);
        }
        return starts;
    }
}
