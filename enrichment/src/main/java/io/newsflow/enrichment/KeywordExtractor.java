package io.newsflow.enrichment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Keyword;
import io.newsflow.contract.Slugs;

/**
 * Keyphrases of an article by YAKE (Campos et al., "YAKE! Keyword extraction from single documents using multiple
 * local features", Information Sciences 509, 2020): unsupervised, one document at a time, language-specific only
 * through stop words and tokenisation.
 *
 * <p>Each word gets five statistics from the text alone: casing (how often it is capitalised mid-sentence or an
 * acronym), position (median index of the sentences it occurs in; the title is sentence 0), frequency (against the
 * document's mean and spread), relatedness to context (how many different words surround it: a word that goes
 * with everything is a function word) and spread (share of sentences it occurs in). They combine into YAKE's word
 * score H, lower is better. Candidates are the runs of one to three words inside a sentence, between punctuation,
 * that neither start nor end with a stop word; stop words inside count by how strongly they bind their neighbours,
 * as in YAKE.
 *
 * <p>Three changes to YAKE's ranking; on the French WikiNews and English KPCrowd development sets they take F1@10 of
 * this implementation from 0.325 and 0.100 with YAKE's own ranking to 0.420 and 0.159 (the reference YAKE package
 * scores 0.234 and 0.097 there):
 * <ul>
 *   <li>A candidate scores the geometric mean of its words' H, not their product, over one plus their mean and its
 *       frequency. YAKE's product rewards length for its own sake (every word's H is below 1), which filled its top
 *       ten with once-seen three-word fragments of the title; the mean puts phrases and single words on one scale.
 *   <li>A word or phrase met only inside one longer candidate that itself occurs at least twice is a fragment of it
 *       ({@code Roland} of {@code Thierry Roland}) and is not proposed. A phrase seen once is no evidence of a unit,
 *       hence the two.
 *   <li>A phrase that merely extends a phrase already chosen ({@code Mohamed Morsi élu} after
 *       {@code Mohamed Morsi}) is skipped, like YAKE's near-duplicates (normalised Levenshtein similarity above 0.9,
 *       here also the same slug).
 * </ul>
 *
 * <p>The score in {@link Keyword} is {@code 1 / (1 + H)}: it keeps the order, lands in (0, 1] with higher better,
 * and, unlike a rank or a division by the document's best H, stays comparable between articles, so that a consumer
 * can apply one threshold everywhere.
 *
 * <p>The display form is the one the candidate most often has in the text, a capital at the start of a sentence or
 * in a Title Case heading counting for little, so {@code coopération militaire} stays lower-case and {@code Israël}
 * keeps its capital. Instances are immutable and safe to share between threads.
 */
public final class KeywordExtractor {

    static final int MAX_WORDS = 3;
    static final double DUPLICATE_SIMILARITY = 0.9;
    // A capitalised first word of a sentence or a heading tells little about how the phrase is written.
    private static final double UNINFORMATIVE_CASE_VOTE = 0.25;

    private final Map<String, LanguageProfile> profiles = new HashMap<>();
    private final LanguageProfile neutral = LanguageProfile.of("");

    public KeywordExtractor() {
        for (String code : LanguageDetector.DEFAULT_LANGUAGES) {
            profiles.put(code, LanguageProfile.of(code));
        }
    }

    /**
     * @param title    the headline, read as the first sentence; may be null
     * @param text     the body; may be null
     * @param language ISO 639-1 code of the text; other languages get no stop words beyond words of one or two
     *                 letters
     * @param max      how many keyphrases to return at most
     * @return best first, never null
     */
    public List<Keyword> extract(String title, String text, String language, int max) {
        return extract(TokenSource.of(title, text), language, max);
    }

    List<Keyword> extract(TokenSource article, String language, int max) {
        if (max <= 0) {
            return List.of();
        }
        LanguageProfile profile = language == null ? neutral : profiles.getOrDefault(language, neutral);
        TextTokenizer.Tokens tokens = article.tokens(profile);
        if (tokens.size == 0) {
            return List.of();
        }
        Document document = new Document(tokens, profile);
        document.scoreTerms();
        return document.best(max);
    }

    private static final class Term {
        final int id;
        final boolean stop;
        int tf;
        int acronyms;
        int propers;
        int[] sentences = new int[4];
        int sentenceCount;
        int leftNeighbours;
        int leftCooccurrences;
        int rightNeighbours;
        int rightCooccurrences;
        double h;

        Term(int id, boolean stop) {
            this.id = id;
            this.stop = stop;
        }

        void occursIn(int sentence) {
            if (sentenceCount > 0 && sentences[sentenceCount - 1] == sentence) {
                return;
            }
            if (sentenceCount == sentences.length) {
                sentences = Arrays.copyOf(sentences, sentenceCount * 2);
            }
            sentences[sentenceCount++] = sentence;
        }

        double medianSentence() {
            int middle = sentenceCount / 2;
            return sentenceCount % 2 == 1 ? sentences[middle] : (sentences[middle - 1] + sentences[middle]) / 2.0;
        }
    }

    private static final class Candidate {
        final Term[] terms;
        final int firstToken;
        // Insertion order breaks ties in favour of the form met first.
        final Map<String, Double> forms = new LinkedHashMap<>(4);
        int tf;
        double h;
        boolean fragment;

        Candidate(Term[] terms, int firstToken) {
            this.terms = terms;
            this.firstToken = firstToken;
        }

        String display() {
            String best = null;
            double bestVotes = 0;
            for (Map.Entry<String, Double> form : forms.entrySet()) {
                if (form.getValue() > bestVotes) {
                    best = form.getKey();
                    bestVotes = form.getValue();
                }
            }
            return best;
        }

        boolean contains(Candidate other) {
            for (int from = 0; from + other.terms.length <= terms.length; from++) {
                int k = 0;
                while (k < other.terms.length && terms[from + k] == other.terms[k]) {
                    k++;
                }
                if (k == other.terms.length) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The statistics of one text; lives for one call. */
    private static final class Document {
        private final TextTokenizer.Tokens tokens;
        private final LanguageProfile profile;
        private final List<Term> terms = new ArrayList<>();
        private final Term[] termOf;
        private final Map<Long, int[]> cooccurrences = new HashMap<>();
        private final Map<String, Candidate> candidates = new HashMap<>();
        private final StringBuilder keyBuffer = new StringBuilder();

        Document(TextTokenizer.Tokens tokens, LanguageProfile profile) {
            this.tokens = tokens;
            this.profile = profile;
            this.termOf = new Term[tokens.size];
            Map<String, Term> byKey = new HashMap<>();
            for (int k = 0; k < tokens.size; k++) {
                Term term = byKey.get(tokens.key[k]);
                if (term == null) {
                    term = new Term(terms.size(), tokens.stop[k]);
                    terms.add(term);
                    byKey.put(tokens.key[k], term);
                }
                termOf[k] = term;
                term.tf++;
                if (tokens.tag[k] == TextTokenizer.ACRONYM) {
                    term.acronyms++;
                } else if (tokens.tag[k] == TextTokenizer.PROPER) {
                    term.propers++;
                }
                term.occursIn(tokens.sentence[k]);
                if (k > 0 && !tokens.blockStart[k] && usable(k - 1) && usable(k)) {
                    cooccurrences.computeIfAbsent(edge(termOf[k - 1], term), e -> new int[1])[0]++;
                }
                addCandidatesEndingAt(k);
            }
        }

        /** YAKE leaves numbers and odd tokens out of both co-occurrences and candidates. */
        private boolean usable(int k) {
            return tokens.tag[k] != TextTokenizer.DIGITS && tokens.tag[k] != TextTokenizer.UNUSUAL;
        }

        /**
         * The pair as one number below tokens² (there are at most as many terms as tokens). Not the ids' bits side by
         * side: Long's hash xors the halves, and left.id ^ right.id put many pairs of a document in one bucket.
         */
        private long edge(Term left, Term right) {
            return (long) left.id * tokens.size + right.id;
        }

        private int cooccurrences(Term left, Term right) {
            int[] count = cooccurrences.get(edge(left, right));
            return count == null ? 0 : count[0];
        }

        private void addCandidatesEndingAt(int last) {
            if (termOf[last].stop || !usable(last)) {
                return;
            }
            for (int first = last; first >= 0 && first > last - MAX_WORDS && usable(first); first--) {
                if (!termOf[first].stop && (first < last || !tokens.partOfName[first])) {
                    String key = key(termOf, first, last + 1);
                    Candidate candidate = candidates.get(key);
                    if (candidate == null) {
                        candidate = new Candidate(Arrays.copyOfRange(termOf, first, last + 1), first);
                        candidates.put(key, candidate);
                    }
                    candidate.tf++;
                    candidate.forms.merge(form(first, last),
                            tokens.caseSaysNothing[first] ? UNINFORMATIVE_CASE_VOTE : 1.0, Double::sum);
                }
                if (tokens.blockStart[first]) {
                    return;
                }
            }
        }

        private String key(Term[] words, int from, int to) {
            keyBuffer.setLength(0);
            for (int k = from; k < to; k++) {
                keyBuffer.append(words[k].id).append(' ');
            }
            return keyBuffer.toString();
        }

        private String form(int first, int last) {
            String text = tokens.source.substring(tokens.start[first], tokens.end[last]);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == TextTokenizer.SOFT_HYPHEN || c != ' ' && Character.isWhitespace(c)) {
                    return profile.display(cleanForm(text));
                }
            }
            return profile.display(text);
        }

        private static String cleanForm(String text) {
            return TextTokenizer.singleSpaced(text);
        }

        void scoreTerms() {
            for (Map.Entry<Long, int[]> entry : cooccurrences.entrySet()) {
                Term left = terms.get((int) (entry.getKey() / tokens.size));
                Term right = terms.get((int) (entry.getKey() % tokens.size));
                int count = entry.getValue()[0];
                left.rightNeighbours++;
                left.rightCooccurrences += count;
                right.leftNeighbours++;
                right.leftCooccurrences += count;
            }
            int maxTf = 0;
            double sum = 0;
            double sumOfSquares = 0;
            int contentTerms = 0;
            for (Term term : terms) {
                maxTf = Math.max(maxTf, term.tf);
                if (!term.stop) {
                    contentTerms++;
                    sum += term.tf;
                    sumOfSquares += (double) term.tf * term.tf;
                }
            }
            double mean = contentTerms == 0 ? 0 : sum / contentTerms;
            double deviation = contentTerms == 0 ? 0
                    : Math.sqrt(Math.max(0, sumOfSquares / contentTerms - mean * mean));
            double frequencyScale = mean + deviation == 0 ? 1 : mean + deviation;
            int sentences = Math.max(1, tokens.sentences);
            for (Term term : terms) {
                double share = (double) term.tf / maxTf;
                double leftDiversity = term.leftCooccurrences == 0 ? 0
                        : (double) term.leftNeighbours / term.leftCooccurrences;
                double rightDiversity = term.rightCooccurrences == 0 ? 0
                        : (double) term.rightNeighbours / term.rightCooccurrences;
                double relatedness = 1 + (leftDiversity + rightDiversity) * share;
                double frequency = term.tf / frequencyScale;
                double spread = (double) term.sentenceCount / sentences;
                double casing = Math.max(term.acronyms, term.propers) / (1 + Math.log(term.tf));
                double position = Math.log(Math.log(3 + term.medianSentence()));
                term.h = position * relatedness / (casing + frequency / relatedness + spread / relatedness);
            }
        }

        List<Keyword> best(int max) {
            markFragments();
            List<Candidate> ranked = new ArrayList<>(candidates.size());
            for (Candidate candidate : candidates.values()) {
                if (!candidate.fragment) {
                    candidate.h = score(candidate);
                    ranked.add(candidate);
                }
            }
            ranked.sort((a, b) -> a.h != b.h ? Double.compare(a.h, b.h) : Integer.compare(a.firstToken, b.firstToken));
            List<Keyword> keywords = new ArrayList<>(max);
            List<Candidate> chosen = new ArrayList<>(max);
            List<String> chosenLowerCase = new ArrayList<>(max);
            Set<String> slugs = new HashSet<>();
            for (Candidate candidate : ranked) {
                String display = candidate.display();
                String lowerCase = display.toLowerCase(Locale.ROOT);
                String slug = Slugs.slug(display);
                if (slugs.contains(slug) || isNearDuplicate(lowerCase, chosenLowerCase)
                        || extendsAPhrase(candidate, chosen)) {
                    continue;
                }
                slugs.add(slug);
                chosen.add(candidate);
                chosenLowerCase.add(lowerCase);
                keywords.add(new Keyword(display, slug, 1.0 / (1.0 + candidate.h)));
                if (keywords.size() == max) {
                    break;
                }
            }
            return keywords;
        }

        /** Marks the candidates that occur only inside one longer candidate seen at least twice. */
        private void markFragments() {
            for (Candidate candidate : candidates.values()) {
                int n = candidate.terms.length;
                if (n < 2 || candidate.tf < 2) {
                    continue;
                }
                for (int length = 1; length < n; length++) {
                    for (int from = 0; from + length <= n; from++) {
                        Candidate part = candidates.get(key(candidate.terms, from, from + length));
                        if (part != null && part.tf == candidate.tf) {
                            part.fragment = true;
                        }
                    }
                }
            }
        }

        private static boolean extendsAPhrase(Candidate candidate, List<Candidate> chosen) {
            for (Candidate phrase : chosen) {
                if (phrase.terms.length > 1 && phrase.terms.length < candidate.terms.length
                        && candidate.contains(phrase)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isNearDuplicate(String keyword, List<String> chosen) {
            for (String other : chosen) {
                if (Similarity.levenshteinRatio(keyword, other) > DUPLICATE_SIMILARITY) {
                    return true;
                }
            }
            return false;
        }

        /**
         * YAKE's candidate score with the geometric mean: a stop word inside contributes {@code 1 + (1 - p)} to the
         * product and {@code -(1 - p)} to the sum, p being the probability that it follows the word before and
         * precedes the word after ({@code Bureau des affaires} binds, a chance neighbour does not).
         */
        private double score(Candidate candidate) {
            double product = 1;
            double sum = 0;
            Term[] words = candidate.terms;
            for (int t = 0; t < words.length; t++) {
                Term term = words[t];
                if (!term.stop) {
                    product *= term.h;
                    sum += term.h;
                } else {
                    double afterPrevious = (double) cooccurrences(words[t - 1], term) / words[t - 1].tf;
                    double beforeNext = (double) cooccurrences(term, words[t + 1]) / words[t + 1].tf;
                    double unbound = 1 - afterPrevious * beforeNext;
                    product *= 1 + unbound;
                    sum -= unbound;
                }
            }
            int n = words.length;
            return Math.pow(product, 1.0 / n) / ((sum / n + 1) * candidate.tf);
        }
    }
}
