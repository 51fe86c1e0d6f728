package io.newsflow.publish.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.contract.Category;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.feeds.ReaderLinks;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.StoredArticle;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The reader web page, rendered on the server. Qute escapes every value from an article; the body is sanitised HTML
 * built from the plain text, so no markup from outside reaches the page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class ReaderPage {

    static final String PATH = "/read";
    private static final List<String> LANGUAGES = List.of("fr", "en", "ar", "es", "de", "it", "pt", "nl");
    // The IPTC top-level topics, for the topic bar.
    private static final List<Category> TOPICS = List.of(
            new Category("medtop:11000000", "politics", 1, List.of()),
            new Category("medtop:16000000", "conflict, war and peace", 1, List.of()),
            new Category("medtop:04000000", "economy, business and finance", 1, List.of()),
            new Category("medtop:02000000", "crime, law and justice", 1, List.of()),
            new Category("medtop:15000000", "sport", 1, List.of()),
            new Category("medtop:13000000", "science and technology", 1, List.of()),
            new Category("medtop:07000000", "health", 1, List.of()),
            new Category("medtop:01000000", "arts, culture, entertainment and media", 1, List.of()));

    private final ArticleStore store;
    private final PublishConfig config;

    ReaderPage(ArticleStore store, PublishConfig config) {
        this.store = store;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<ArticleView> articles, Map<String, String> filters,
                String next, Map<String, String> feeds, List<String> languages, List<Category> categories,
                ReaderLinks links);

        static native TemplateInstance article(ArticleView article, ReaderLinks links,
                Map<String, String> feeds);
    }

    @GET
    @Operation(summary = "The reader page: newest articles, filters, live updates")
    public TemplateInstance home(@BeanParam Filters filters, @QueryParam("cursor") String cursor) {
        return page(filters, cursor);
    }

    @GET
    @Path("read")
    @Operation(summary = "The reader page (the address its own links use)")
    public TemplateInstance page(@BeanParam Filters filters, @QueryParam("cursor") String cursor) {
        ArticleResource.Page page = ArticleResource.page(store, filters, cursor, 30, config.maxPageSize());
        ReaderLinks links = new ReaderLinks(PATH, filters.readerFilters());
        return Templates.page(page.articles().stream().map(ArticleView::of).toList(), filters.readerFilters(),
                page.next(), feeds(links), LANGUAGES, TOPICS, links);
    }

    @GET
    @Path("read/{id}")
    @Operation(summary = "One article on the reader page")
    public TemplateInstance article(@PathParam("id") String id) {
        StoredArticle article = store.find(id).orElseThrow(() -> new NotFoundException("No article with id " + id));
        ReaderLinks links = new ReaderLinks(PATH, Map.of());
        return Templates.article(ArticleView.of(article), links, feeds(links));
    }

    private static Map<String, String> feeds(ReaderLinks links) {
        return Map.of("rss", "/feed.rss" + links.query(), "atom", "/feed.atom" + links.query(),
                "json", "/feed.json" + links.query());
    }
}
