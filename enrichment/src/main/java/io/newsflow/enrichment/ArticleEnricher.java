package io.newsflow.enrichment;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.newsflow.contract.Enrichment;

/**
 * Runs the enabled enrichers over an article. A pure function of its input, so redelivery gives the same result; an
 * enricher that throws costs the article only that enricher's fields, named in {@code degraded}.
 *
 * <p>Building one loads the language models (seconds, about 200 MB): a service builds it once, before it reports
 * ready. Immutable and safe to share between threads.
 */
public final class ArticleEnricher {

    /** Raised whenever a change here changes the fields consumers receive. */
    public static final String ENRICHMENT_VERSION = "2.0.0";

    // System.Logger: the JDK's own facade, routed by Quarkus (JBoss LogManager) and by any other host to its logging.
    private static final System.Logger LOG = System.getLogger(ArticleEnricher.class.getName());

    private final List<Enricher> enrichers;
    private final List<String> disabled;
    private final StepListener listener;

    /**
     * @param all      the enrichers, in any order: they run by {@link Enricher#order()}
     * @param disabled names of enrichers not to run; the enrichment names them as degraded
     */
    public ArticleEnricher(List<Enricher> all, Set<String> disabled, StepListener listener) {
        this.disabled = all.stream().map(Enricher::name).filter(disabled::contains).sorted().toList();
        this.enrichers = all.stream().filter(e -> !this.disabled.contains(e.name()))
                .sorted(Comparator.comparingInt(Enricher::order)).toList();
        this.listener = listener;
    }

    /** Language, keywords, entities, categories, summary and statistics, as the settings say. */
    public static ArticleEnricher standard(EnrichmentSettings settings, StepListener listener) {
        return new ArticleEnricher(Enrichers.standard(settings), settings.disabled(), listener);
    }

    public Enrichment enrich(String title, String text, String declaredLanguage) {
        return enrich(title, text, declaredLanguage, List.of());
    }

    /** @param tags the publisher's own tags, merged into the keywords */
    public Enrichment enrich(String title, String text, String declaredLanguage, List<String> tags) {
        EnrichmentDraft draft = new EnrichmentDraft(title, text, declaredLanguage, tags);
        List<String> degraded = new ArrayList<>(disabled);
        for (Enricher enricher : enrichers) {
            long started = System.nanoTime();
            try {
                enricher.enrich(draft);
                listener.stepFinished(enricher.name(), true, System.nanoTime() - started);
            } catch (RuntimeException e) {
                listener.stepFinished(enricher.name(), false, System.nanoTime() - started);
                LOG.log(Level.WARNING, () -> "Enricher " + enricher.name() + " failed on \"" + title
                        + "\"; the article goes on without its fields", e);
                degraded.add(enricher.name());
            }
        }
        return new Enrichment(draft.language, draft.languageConfidence, draft.keywords, draft.entities,
                draft.categories, draft.summary, draft.readingTimeMinutes, draft.wordCount, ENRICHMENT_VERSION,
                degraded);
    }
}
