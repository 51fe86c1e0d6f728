package io.newsflow.ingest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.Article;
import io.newsflow.ingest.config.IngestConfig;

/**
 * Who may write an article (docs/adr/0009). Its first writer owns it: {@link Ingestion} records the owner with the
 * article's registration and refuses another publisher's revision. A publisher may also claim hosts
 * ({@code newsflow.ingest.auth.publishers.<name>.hosts}): then only the publishers claiming a host may push articles
 * whose URL is on it, new ones included, so nobody can take a URL the publisher has not used yet.
 */
@ApplicationScoped
public class ArticleOwnership {

    private final Set<String> claimedHosts;

    ArticleOwnership(IngestConfig config) {
        this.claimedHosts = config.auth().publishers().values().stream().flatMap(p -> hostsOf(p).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every configured publisher's claimed hosts, lower case, for building {@link Publisher}s. */
    public static Set<String> hostsOf(IngestConfig.Publisher publisher) {
        return publisher.hosts().orElse(List.of()).stream().map(ArticleOwnership::host)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Refuses an article whose URL is on a host other publishers claim and this one does not.
     *
     * @throws ForbiddenArticleException when it may not
     */
    public void authorise(Article article, Publisher publisher) {
        if (article.url() == null || publisher.mayWriteAnyArticle() || claimedHosts.isEmpty()) {
            return;
        }
        String host = URI.create(Ingestion.canonicalUrl(article.url())).getHost();
        if (host != null && Publisher.isUnder(host, claimedHosts) && !publisher.claims(host)) {
            throw ForbiddenArticleException.hostClaimed(publisher.name(), host);
        }
    }

    private static String host(String configured) {
        return configured.strip().toLowerCase(Locale.ROOT);
    }
}
