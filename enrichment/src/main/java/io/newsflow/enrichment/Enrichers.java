package io.newsflow.enrichment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;
import io.newsflow.contract.Slugs;

/** The standard enrichment steps. */
final class Enrichers {

    private Enrichers() {
    }

    static List<Enricher> standard(EnrichmentSettings settings) {
        return List.of(new Language(settings.languages()), new Keywords(settings.maxKeywords()), new Entities(),
                new Categories(), new Summary(settings.summarySentences()), new Statistics());
    }

    static class Language implements Enricher {

        private final LanguageDetector detector;

        Language(Set<String> languages) {
            this.detector = new LanguageDetector(languages);
        }

        @Override
        public String name() {
            return "language";
        }

        @Override
        public int order() {
            return 10;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            LanguageDetector.DetectedLanguage detected = detector.detect(draft.title + "\n\n" + draft.text,
                    draft.declaredLanguage);
            draft.language = detected.code();
            draft.languageConfidence = detected.confidence();
        }
    }

    static class Keywords implements Enricher {

        // The contract's schema allows no more.
        private static final int MAX_ALL = 20;

        private final KeywordExtractor extractor = new KeywordExtractor();
        private final int max;

        Keywords(int max) {
            this.max = max;
        }

        @Override
        public String name() {
            return "keywords";
        }

        @Override
        public int order() {
            return 20;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            draft.keywords = withTags(extractor.extract(draft::tokens, draft.language, max), draft.tags, max);
        }

        /**
         * The publisher's tags first, as written and with the top score (the publisher said so), then the extracted
         * keyphrases that are not the same slug; at most {@code max} of those besides the tags, 20 in all.
         */
        static List<Keyword> withTags(List<Keyword> extracted, List<String> tags, int max) {
            Map<String, Keyword> merged = new LinkedHashMap<>();
            for (String tag : tags) {
                String slug = Slugs.slug(tag);
                if (!tag.isBlank() && !slug.isEmpty()) {
                    merged.putIfAbsent(slug, new Keyword(tag.strip(), slug, 1.0));
                }
            }
            int limit = Math.min(MAX_ALL, merged.size() + max);
            for (Keyword keyword : extracted) {
                if (merged.size() >= limit) {
                    break;
                }
                merged.putIfAbsent(keyword.slug(), keyword);
            }
            return merged.values().stream().limit(MAX_ALL).toList();
        }
    }

    static class Entities implements Enricher {

        /**
         * The most mentioned entities an event carries: a long article names a few dozen, and a text of 100,000
         * made-up names must not make an event larger than Kafka takes.
         */
        static final int MAX_ENTITIES = 100;

        private final EntityExtractor extractor = new EntityExtractor();

        @Override
        public String name() {
            return "entities";
        }

        @Override
        public int order() {
            return 30;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            List<Entity> found = extractor.extract(draft::tokens, draft.language);
            draft.entities = found.size() > MAX_ENTITIES ? List.copyOf(found.subList(0, MAX_ENTITIES)) : found;
        }
    }

    static class Categories implements Enricher {

        private final CategoryClassifier classifier = new CategoryClassifier();

        @Override
        public String name() {
            return "categories";
        }

        @Override
        public int order() {
            return 40;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            draft.categories = classifier.classify(draft::tokens, draft.language, draft.entities);
        }
    }

    static class Summary implements Enricher {

        private final Summarizer summarizer = new Summarizer();
        private final int sentences;

        Summary(int sentences) {
            this.sentences = sentences;
        }

        @Override
        public String name() {
            return "summary";
        }

        @Override
        public int order() {
            return 50;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            String summary = summarizer.summarize(draft::tokens, draft.language, sentences);
            draft.summary = summary.isBlank() ? null : summary;
        }
    }

    static class Statistics implements Enricher {

        @Override
        public String name() {
            return "statistics";
        }

        @Override
        public int order() {
            return 60;
        }

        @Override
        public void enrich(EnrichmentDraft draft) {
            int words = TextStatistics.wordCount(draft.title + "\n\n" + draft.text);
            draft.wordCount = words;
            draft.readingTimeMinutes = TextStatistics.readingTimeMinutes(words, draft.language);
        }
    }
}
