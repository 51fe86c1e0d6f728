package io.newsflow.ingest.sources;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.Article;
import io.newsflow.extraction.Charsets;
import io.newsflow.extraction.HtmlArticleExtractor;
import io.newsflow.extraction.HtmlExtraction;
import io.newsflow.extraction.feeds.FeedEntry;
import io.newsflow.ingest.Hashes;
import io.newsflow.ingest.Ingestion;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.outbound.FetchResult;
import io.newsflow.outbound.PoliteFetcher;

/** Turns feed entries into articles, fetching and extracting the page when the feed carries only a teaser. */
@ApplicationScoped
public class FeedEntries {

    private final PoliteFetcher fetcher;
    private final IngestConfig config;
    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

    FeedEntries(PoliteFetcher fetcher, IngestConfig config) {
        this.fetcher = fetcher;
        this.config = config;
    }

    /** Identifies an entry within its feed: the feed's id, else its link. */
    static String key(FeedEntry entry) {
        String key = entry.id() != null ? entry.id() : entry.url() == null ? null : entry.url().toString();
        return key == null ? null : Hashes.sha256Hex(key).substring(0, 32);
    }

    /** Changes when the publisher changes the entry, so that a correction is taken again. */
    static String fingerprint(FeedEntry entry) {
        return Hashes
                .sha256Hex(String.join("\u0000", String.valueOf(entry.updatedAt()), String.valueOf(entry.publishedAt()),
                        Objects.toString(entry.title(), ""), Objects.toString(entry.contentHtml(), ""),
                        Objects.toString(entry.summaryHtml(), "")));
    }

    /**
     * @return empty when neither the feed nor the page holds any article text
     * @throws IOException when the article page of a teaser-only entry cannot be fetched now
     */
    public Optional<Article> toArticle(Source source, FeedEntry entry) throws IOException, InterruptedException {
        ZoneId zone = zone(source);
        String pageUrl = entry.url() == null ? null : entry.url().toString();
        HtmlExtraction page = null;
        if (entry.teaserOnly() && entry.url() != null) {
            FetchResult result = fetcher.fetch(entry.url(), null);
            if (!result.isSuccess()) {
                throw new IOException("HTTP " + result.status() + " from " + result.finalUrl());
            }
            page = extractor.extract(Charsets.text(result.body(), result.contentTypeHeader()),
                    result.finalUrl().toString(), zone);
        }
        String feedHtml = entry.contentHtml() != null ? entry.contentHtml() : entry.summaryHtml();
        String text = page != null && !page.text().isBlank() ? page.text()
                : feedHtml == null ? "" : extractor.extract(fragment(feedHtml), pageUrl, zone).text();
        String title = entry.title() != null ? entry.title() : page == null ? null : page.title();
        if (text.isBlank() || title == null || title.isBlank()) {
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>(entry.categories());
        if (page != null) {
            page.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        }
        String url = page != null && page.canonicalUrl() != null ? page.canonicalUrl() : pageUrl;
        return Optional.of(new Article(title.strip(), text, url == null ? null : Ingestion.canonicalUrl(url),
                entry.author() != null ? entry.author() : page == null ? null : page.author(),
                entry.publishedAt() != null ? entry.publishedAt() : page == null ? null : page.publishedAt(),
                page == null ? null : page.section(), sourceName(source.url()),
                source.language() != null ? source.language() : page == null ? null : page.language(), tags,
                page == null ? List.of()
                        : page.related().stream().filter(r -> r.url() != null && r.url().startsWith("http"))
                                .map(r -> new Article.Related(r.title(), r.url())).toList()));
    }

    /** Articles of a feed are recorded under its host, so the source stays the same whoever registered it. */
    public static String sourceName(String feedUrl) {
        String host = URI.create(feedUrl).getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private ZoneId zone(Source source) {
        if (source.timeZone() != null) {
            return ZoneId.of(source.timeZone());
        }
        if (source.language() != null) {
            return config.languageTimeZones().getOrDefault(source.language(), config.defaultTimeZone());
        }
        return config.defaultTimeZone();
    }

    private static String fragment(String html) {
        return "<html><body><article>" + html + "</article></body></html>";
    }
}
