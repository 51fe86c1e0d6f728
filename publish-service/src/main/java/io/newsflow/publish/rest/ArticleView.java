package io.newsflow.publish.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.newsflow.contract.Article.Related;
import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;
import io.newsflow.publish.feeds.FeedWriter;
import io.newsflow.publish.feeds.HtmlSanitizer;
import io.newsflow.publish.store.StoredArticle;

/**
 * An article as the reader page shows it. {@code html} is the only markup, built from the plain text by the sanitiser;
 * every other field is escaped by Qute.
 *
 * @param localDate publication time in the article's own offset, for people
 * @param url       the original, only when it is an http(s) address
 * @param related   links to other articles, the contract's own type; a link that is not http(s) keeps its title only
 */
public record ArticleView(String id, String title, String url, String author, String publishedAt, String localDate,
        String source, String language, String summary, List<Keyword> keywords, List<Entity> entities,
        List<Category> categories, String section, String text, List<String> tags, String html,
        List<Related> related, String imageUrl) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm", Locale.ENGLISH);

    static ArticleView of(StoredArticle a) {
        return new ArticleView(a.id(), a.title(), FeedWriter.webUrl(a.url()),
                a.author(), a.publishedAt(),
                a.publishedAt() == null ? null : OffsetDateTime.parse(a.publishedAt()).format(LOCAL), a.source(),
                a.language(), a.summary(), a.keywords(), a.entities(), a.categories(), a.section(), a.text(), a.tags(),
                HtmlSanitizer.paragraphs(a.text()),
                a.related().stream().map(r -> new Related(r.title(), FeedWriter.webUrl(r.url()))).toList(), null);
    }

}
