package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;

/**
 * The IPTC Media Topics an article is about: the 17 top-level topics, and below them the few subtopics that a
 * word list tells apart reliably (defence, armed conflict, act of terror, election, international relations,
 * crime, judiciary, disaster, accident and emergency incident, diseases and conditions, climate change).
 *
 * <p>Each language has a list of terms per topic in {@code topics-<language>.txt} beside this class, matched on
 * stems ({@link Stemmer}: Snowball, or Lucene's Arabic stemmer), longest term first, so {@code coopération
 * militaire} is one term and {@code militaires} matches {@code militaire}; a hyphenated word that is no term is
 * read as its parts ({@code politico-militaires}). A term counts {@code 1 + ln(tf)}, tf being its occurrences
 * with those in the title counted {@value #TITLE_WEIGHT} times; a term listed under a subtopic counts for its
 * parent too. An organisation that the article names by an acronym lends the terms of its long form to each use
 * of the acronym ({@code FAR}, Forces Armées Royales, counts as {@code forces armées}).
 *
 * <p>A topic's score, in [0, 1], is the product of two things: how much evidence there is,
 * {@code 1 - exp(-mass / }{@value #SATURATION}{@code )}, so that one stray word gives little and a dozen
 * occurrences give nearly 1 whatever the article's length; and how it compares with the best topic of the article,
 * {@code mass / best mass}, so that a political article that mentions a budget is not an economic one. A topic
 * needs a score of {@value #MIN_SCORE} and two distinct terms. At most {@value #MAX_TOPICS} top-level topics are
 * returned, each with at most one subtopic; the figures were set on the English KPCrowd and French WikiNews
 * development articles, whose KPCrowd file names give their section.
 *
 * <p>Codes and labels are those of IPTC's Media Topic NewsCodes (release of 2019-04-06); {@code defence}
 * ({@code medtop:20000598}) sits under politics (politics › government › defence) in IPTC's tree, so it comes
 * with politics. Instances are immutable and safe to share between threads.
 */
public final class CategoryClassifier {

    static final double TITLE_WEIGHT = 3.0;
    static final double SATURATION = 4.0;
    static final double MIN_SCORE = 0.3;
    static final int MIN_TERMS = 2;
    static final int MAX_TOPICS = 3;
    static final int MAX_EVIDENCE = 6;

    private record Topic(String code, String label, String parent) {
    }

    private static final Map<String, Topic> TOPICS = topics(
            "medtop:01000000", "arts, culture, entertainment and media", null,
            "medtop:02000000", "crime, law and justice", null,
            "medtop:03000000", "disaster, accident and emergency incident", null,
            "medtop:04000000", "economy, business and finance", null,
            "medtop:05000000", "education", null,
            "medtop:06000000", "environment", null,
            "medtop:07000000", "health", null,
            "medtop:08000000", "human interest", null,
            "medtop:09000000", "labour", null,
            "medtop:10000000", "lifestyle and leisure", null,
            "medtop:11000000", "politics", null,
            "medtop:12000000", "religion", null,
            "medtop:13000000", "science and technology", null,
            "medtop:14000000", "society", null,
            "medtop:15000000", "sport", null,
            "medtop:16000000", "conflict, war and peace", null,
            "medtop:17000000", "weather", null,
            "medtop:20000053", "act of terror", "medtop:16000000",
            "medtop:20000056", "armed conflict", "medtop:16000000",
            "medtop:20000082", "crime", "medtop:02000000",
            "medtop:20000106", "judiciary", "medtop:02000000",
            "medtop:20000139", "accident and emergency incident", "medtop:03000000",
            "medtop:20000148", "disaster", "medtop:03000000",
            "medtop:20000418", "climate change", "medtop:06000000",
            "medtop:20000446", "diseases and conditions", "medtop:07000000",
            "medtop:20000574", "election", "medtop:11000000",
            "medtop:20000598", "defence", "medtop:11000000",
            "medtop:20000638", "international relations", "medtop:11000000");

    private final Map<String, Lexicon> lexicons = new HashMap<>();

    public CategoryClassifier() {
        for (String code : LanguageDetector.DEFAULT_LANGUAGES) {
            lexicons.put(code, Lexicon.load(code));
        }
    }

    /**
     * @param title    the headline; may be null
     * @param text     the body; may be null
     * @param language ISO 639-1 code; a language without a term list gets no topic
     * @param entities the article's entities, whose acronyms stand for their long forms; may be null
     * @return best first, at most {@value #MAX_TOPICS} top-level topics each followed by at most one subtopic
     */
    public List<Category> classify(String title, String text, String language, List<Entity> entities) {
        return classify(TokenSource.of(title, text), language, entities);
    }

    List<Category> classify(TokenSource article, String language, List<Entity> entities) {
        Lexicon lexicon = language == null ? null : lexicons.get(language);
        if (lexicon == null) {
            return List.of();
        }
        Map<Term, Double> weights = new LinkedHashMap<>();
        lexicon.count(article.tokens(lexicon.profile), weights, 1.0);
        if (entities != null) {
            for (Entity entity : entities) {
                int acronymUses = entity.count() - 1;
                if (Entity.ORGANIZATION.equals(entity.type()) && !entity.aliases().isEmpty()
                        && acronymUses > 0) {
                    lexicon.count(TextTokenizer.tokenize("", entity.name(), lexicon.profile), weights, acronymUses);
                }
            }
        }
        return choose(weights);
    }

    private static List<Category> choose(Map<Term, Double> weights) {
        Map<String, Double> mass = new HashMap<>();
        Map<String, List<Term>> terms = new HashMap<>();
        for (Map.Entry<Term, Double> entry : weights.entrySet()) {
            Term term = entry.getKey();
            double contribution = 1 + Math.log(entry.getValue());
            for (String code : term.codes) {
                mass.merge(code, contribution, Double::sum);
                terms.computeIfAbsent(code, any -> new ArrayList<>()).add(term);
            }
        }
        double best = 0;
        for (Map.Entry<String, Double> entry : mass.entrySet()) {
            if (TOPICS.get(entry.getKey()).parent == null) {
                best = Math.max(best, entry.getValue());
            }
        }
        List<Category> chosen = new ArrayList<>();
        List<Category> topLevel = new ArrayList<>();
        for (Topic topic : TOPICS.values()) {
            Category category = category(topic, mass, terms, weights, best);
            if (topic.parent == null && category != null) {
                topLevel.add(category);
            }
        }
        topLevel.sort((a, b) -> Double.compare(b.score(), a.score()));
        for (Category parent : topLevel.subList(0, Math.min(MAX_TOPICS, topLevel.size()))) {
            chosen.add(parent);
            Category bestChild = null;
            for (Topic topic : TOPICS.values()) {
                if (parent.code().equals(topic.parent)) {
                    Category child = category(topic, mass, terms, weights, best);
                    if (child != null && (bestChild == null || child.score() > bestChild.score())) {
                        bestChild = child;
                    }
                }
            }
            if (bestChild != null) {
                chosen.add(bestChild);
            }
        }
        // Stable, so that a subtopic as sure as its parent stays after it.
        chosen.sort((a, b) -> Double.compare(b.score(), a.score()));
        return chosen;
    }

    private static Category category(Topic topic, Map<String, Double> mass, Map<String, List<Term>> terms,
            Map<Term, Double> weights, double best) {
        Double topicMass = mass.get(topic.code);
        List<Term> evidence = terms.get(topic.code);
        if (topicMass == null || evidence.size() < MIN_TERMS) {
            return null;
        }
        double score = (1 - Math.exp(-topicMass / SATURATION)) * topicMass / best;
        if (score < MIN_SCORE) {
            return null;
        }
        List<Term> strongest = new ArrayList<>(evidence);
        // Sorting a copy keeps the first-met order among equals, which the weights map preserves.
        strongest.sort((a, b) -> Double.compare(weights.get(b), weights.get(a)));
        List<String> shown = new ArrayList<>();
        for (Term term : strongest.subList(0, Math.min(MAX_EVIDENCE, strongest.size()))) {
            shown.add(term.text);
        }
        return new Category(topic.code, topic.label, Math.round(score * 1000) / 1000.0, shown);
    }

    /** A term of a topic list: its stems and the topics it counts for, ancestors included. */
    private static final class Term {
        final String text;
        final String[] stems;
        final Set<String> codes = new LinkedHashSet<>(2);

        Term(String text, String[] stems) {
            this.text = text;
            this.stems = stems;
        }
    }

    /** The term list of one language. */
    private static final class Lexicon {
        final String language;
        final LanguageProfile profile;
        final Map<String, List<Term>> byFirstStem = new HashMap<>();

        private Lexicon(String language) {
            this.language = language;
            this.profile = LanguageProfile.of(language);
        }

        static Lexicon load(String language) {
            Lexicon lexicon = new Lexicon(language);
            Stemmer stemmer = Stemmer.of(language);
            Map<String, Term> byText = new HashMap<>();
            InputStream in = CategoryClassifier.class.getResourceAsStream("topics-" + language + ".txt");
            if (in == null) {
                throw new IllegalStateException("topics-" + language + ".txt is missing beside "
                        + CategoryClassifier.class.getName());
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int colon = line.indexOf(": ");
                    String code = line.substring(0, colon).strip();
                    if (!TOPICS.containsKey(code)) {
                        throw new IllegalStateException("not a topic of CategoryClassifier: " + code);
                    }
                    for (String phrase : line.substring(colon + 2).split(",")) {
                        String text = phrase.strip();
                        String[] stems = lexicon.stems(text, stemmer);
                        if (stems.length == 0) {
                            continue;
                        }
                        String key = String.join(" ", stems);
                        Term term = byText.computeIfAbsent(key, any -> {
                            Term created = new Term(text, stems);
                            lexicon.byFirstStem.computeIfAbsent(stems[0], first -> new ArrayList<>()).add(created);
                            return created;
                        });
                        for (String topic = code; topic != null; topic = TOPICS.get(topic).parent) {
                            term.codes.add(topic);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the topic terms of " + language, e);
            }
            // Longest first, so that "coopération militaire" wins over "coopération".
            for (List<Term> terms : lexicon.byFirstStem.values()) {
                terms.sort((a, b) -> Integer.compare(b.stems.length, a.stems.length));
            }
            return lexicon;
        }

        private String[] stems(String phrase, Stemmer stemmer) {
            TextTokenizer.Tokens tokens = TextTokenizer.tokenize("", phrase, profile);
            List<String> stems = new ArrayList<>(tokens.size);
            for (int k = 0; k < tokens.size; k++) {
                if (content(tokens, k)) {
                    stems.add(stemmer.stem(tokens.lower[k]));
                }
            }
            return stems.toArray(String[]::new);
        }

        /** Adds to {@code weights} the occurrences of terms in the tokens, each weighing {@code weight}. */
        void count(TextTokenizer.Tokens tokens, Map<Term, Double> weights, double weight) {
            int[] content = new int[tokens.size];
            String[] stems = new String[tokens.size];
            int n = 0;
            for (int k = 0; k < tokens.size; k++) {
                if (content(tokens, k)) {
                    content[n] = k;
                    stems[n] = tokens.stem(k);
                    n++;
                }
            }
            int i = 0;
            while (i < n) {
                int k = content[i];
                double occurrence = weight * (tokens.sentence[k] < tokens.titleSentences ? TITLE_WEIGHT : 1.0);
                Term term = longestTerm(stems, content, tokens, i, n);
                if (term != null) {
                    weights.merge(term, occurrence, Double::sum);
                    i += term.stems.length;
                    continue;
                }
                String word = tokens.lower[k];
                if (word.indexOf('-') > 0) {
                    for (String part : word.split("-")) {
                        Term partTerm = single(tokens.stemOf(part));
                        if (partTerm != null) {
                            weights.merge(partTerm, occurrence, Double::sum);
                        }
                    }
                }
                i++;
            }
        }

        private Term longestTerm(String[] stems, int[] content, TextTokenizer.Tokens tokens, int i, int n) {
            List<Term> candidates = byFirstStem.getOrDefault(stems[i], Collections.emptyList());
            for (Term term : candidates) {
                int length = term.stems.length;
                if (i + length > n
                        || tokens.sentence[content[i + length - 1]] != tokens.sentence[content[i]]) {
                    continue;
                }
                if (Arrays.equals(term.stems, 0, length, stems, i, i + length)) {
                    return term;
                }
            }
            return null;
        }

        private Term single(String stem) {
            for (Term term : byFirstStem.getOrDefault(stem, Collections.emptyList())) {
                if (term.stems.length == 1) {
                    return term;
                }
            }
            return null;
        }

        private static boolean content(TextTokenizer.Tokens tokens, int k) {
            return !tokens.stop[k] && tokens.letters[k] > 0;
        }
    }

    private static Map<String, Topic> topics(String... triples) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            topics.put(triples[i], new Topic(triples[i], triples[i + 1], triples[i + 2]));
        }
        return Collections.unmodifiableMap(topics);
    }
}
