package io.newsflow.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.Article;
import io.newsflow.contract.Problem;
import io.newsflow.ingest.ArticleInputs.Hints;

/**
 * The publisher's use case: push one article in any form, or a batch of JSON lines. Reads the input, records the
 * source the publisher may write, and hands the articles to {@link Ingestion}. The REST resource only maps HTTP to
 * these calls and their results to answers.
 */
@ApplicationScoped
public class ArticlePushes {

    private final ArticleInputs inputs;
    private final Ingestion ingestion;
    private final ArticleOwnership ownership;

    ArticlePushes(ArticleInputs inputs, Ingestion ingestion, ArticleOwnership ownership) {
        this.inputs = inputs;
        this.ingestion = ingestion;
        this.ownership = ownership;
    }

    /** How one line of a batch ended: accepted ({@code result}), or not, with the problem and the line's status. */
    public record LineOutcome(int line, Ingestion.Result result, String refusal, Problem problem) {

        static LineOutcome accepted(int line, Ingestion.Result result) {
            return new LineOutcome(line, result, null, null);
        }

        static LineOutcome refused(int line, String refusal, Problem problem) {
            return new LineOutcome(line, null, refusal, problem);
        }
    }

    public Ingestion.Result pushJson(byte[] body, String contentType, Hints hints, Publisher publisher) {
        return push(inputs.json(inputs.decode(body, contentType), hints), publisher);
    }

    public Ingestion.Result pushText(byte[] body, String contentType, Hints hints, Publisher publisher) {
        return push(inputs.text(inputs.decode(body, contentType), hints), publisher);
    }

    public Ingestion.Result pushHtml(byte[] body, String contentType, Hints hints, Publisher publisher) {
        return push(inputs.html(body, contentType, hints), publisher);
    }

    private Ingestion.Result push(ArticleInputs.Input input, Publisher publisher) {
        return ingestion.ingest(authorised(input.article(), publisher), publisher);
    }

    /**
     * A batch of JSON articles, one per line. Every line is read and authorised first; the valid ones then go to
     * Kafka and MongoDB as one batch. A bad line never stops the good ones; blank lines are skipped but counted.
     *
     * @return one outcome per non-blank line, in order
     */
    public List<LineOutcome> pushBatch(byte[] body, String contentType, Hints hints, Publisher publisher) {
        String[] lines = inputs.batchLines(body, contentType);
        List<LineOutcome> outcomes = new ArrayList<>();
        List<Article> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        List<Integer> validLine = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                valid.add(authorised(inputs.json(lines[i], hints).article(), publisher));
                validAt.add(outcomes.size());
                validLine.add(i + 1);
                outcomes.add(null);
            } catch (InvalidInputException e) {
                outcomes.add(LineOutcome.refused(i + 1, "invalid", Problem.invalid(e.getMessage(), e.errors())));
            } catch (ForbiddenSourceException | ForbiddenArticleException e) {
                outcomes.add(forbidden(i + 1, e));
            }
        }
        List<Ingestion.Outcome> ingested = ingestion.ingestAll(valid, publisher);
        for (int i = 0; i < valid.size(); i++) {
            int at = validAt.get(i);
            int line = validLine.get(i);
            Ingestion.Outcome outcome = ingested.get(i);
            if (outcome.result() != null) {
                outcomes.set(at, LineOutcome.accepted(line, outcome.result()));
            } else if (outcome.failure() instanceof ForbiddenArticleException e) {
                outcomes.set(at, forbidden(line, e));
            } else if (outcome.failure() instanceof ArticleTooLargeException e) {
                outcomes.set(at, LineOutcome.refused(line, "too-large", Problem.of(413, e.getMessage())));
            } else if (outcome.failure() instanceof InvalidInputException e) {
                outcomes.set(at, LineOutcome.refused(line, "invalid", Problem.invalid(e.getMessage(), e.errors())));
            } else {
                outcomes.set(at, LineOutcome.refused(line, "unavailable", Problem.of(503, "Not accepted: the event "
                        + "broker or the database did not acknowledge it; push this line again.")));
            }
        }
        return outcomes;
    }

    private static LineOutcome forbidden(int line, RuntimeException e) {
        return LineOutcome.refused(line, "forbidden", Problem.of(403, e.getMessage()));
    }

    /**
     * The article with the source the publisher may write recorded on it; 403 when it may not write that source
     * or the article's host belongs to other publishers.
     */
    private Article authorised(Article article, Publisher publisher) {
        ownership.authorise(article, publisher);
        String source = publisher.authorise(article.source());
        return new Article(article.title(), article.text(), article.url(), article.author(), article.publishedAt(),
                article.section(), source, article.language(), article.tags(), article.related());
    }
}
