package io.newsflow.publish;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.Category;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;

/** Enriched events as enrich-service writes them, with fresh ids so tests never see each other's articles. */
final class Events {

    private Events() {
    }

    static String newArticleId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static ArticleEnriched enriched(String articleId, int revision, String title, String language, String... keywords) {
        return enriched(articleId, revision, title, language, OffsetDateTime.parse("2023-01-18T15:20:00+01:00"),
                keywords);
    }

    static ArticleEnriched enriched(String articleId, int revision, String title, String language,
            OffsetDateTime publishedAt, String... keywords) {
        Article article = new Article(title, "Body of " + title + ".", null, "A.T", publishedAt, "Maroc", "bladi.net",
                language, List.of("Rabat"), List.of(new Article.Related("Un article lié", "https://example.com/lie"),
                        new Article.Related("<b>Sans adresse</b>", null)));
        List<Keyword> kws = java.util.Arrays.stream(keywords)
                .map(k -> new Keyword(k, java.text.Normalizer.normalize(k.toLowerCase(), java.text.Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "").replace(' ', '-'), 0.5))
                .toList();
        return ArticleEnriched.of(ArticleIngested.of(articleId, revision, article, Instant.now()),
                new Enrichment(language, 0.99, kws,
                        List.of(new Entity("Maroc", Entity.LOCATION, 2, "MA", List.of()),
                                new Entity("Forces Armées Royales", Entity.ORGANIZATION, 3, null, List.of("FAR"))),
                        List.of(new Category("medtop:11000000", "politics", 0.9, List.of("défense"))),
                        "Résumé de " + title + ".", 1, 120, "test", List.of()),
                Instant.now());
    }
}
