package io.newsflow.publish;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.Enrichment;
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
        Article article = new Article(title, "Body of " + title + ".", null, "A.T",
                OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), "Maroc", "bladi.net", language, List.of("Rabat"));
        List<Keyword> kws = java.util.Arrays.stream(keywords).map(k -> new Keyword(k, k.toLowerCase(), 0.5)).toList();
        return ArticleEnriched.of(ArticleIngested.of(articleId, revision, article, Instant.now()),
                Enrichment.of(language, 0.99, kws, "test"), Instant.now());
    }
}
