package io.newsflow.enrich.enrichment;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import io.newsflow.contract.Enrichment;
import io.newsflow.enrich.config.EnrichConfig;

/** Adds language and keywords to an article; a pure function of its input, so redelivery gives the same result. */
// Loaded at start-up: the language models take seconds, which belongs before readiness, not in the first message.
@Startup
@ApplicationScoped
public class ArticleEnricher {

    /** Raised whenever a change here changes the fields consumers receive. */
    public static final String ENRICHMENT_VERSION = "1.0.0";

    private final LanguageDetector languages;
    private final KeywordExtractor keywords = new KeywordExtractor();
    private final int maxKeywords;

    ArticleEnricher(EnrichConfig config) {
        this.languages = new LanguageDetector(config.languages());
        this.maxKeywords = config.maxKeywords();
    }

    public Enrichment enrich(String title, String text, String declaredLanguage) {
        String body = text == null ? "" : text;
        LanguageDetector.DetectedLanguage language = languages.detect(title == null ? body : title + "\n\n" + body,
                declaredLanguage);
        return new Enrichment(language.code(), language.confidence(),
                keywords.extract(title, body, language.code(), maxKeywords), ENRICHMENT_VERSION);
    }
}
