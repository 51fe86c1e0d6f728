package io.newsflow.publish.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.feeds.FeedItem;
import io.newsflow.publish.feeds.FeedWriter;
import io.newsflow.publish.feeds.HtmlSanitizer;
import io.newsflow.publish.feeds.ReaderLinks;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.StoredArticle;

/** The feed for feed readers: RSS 2.0, Atom 1.0 and JSON Feed 1.1, with the JSON API's filters. */
@Path("/")
class FeedResource {

    private final ArticleStore store;
    private final PublishConfig config;

    FeedResource(ArticleStore store, PublishConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A feed body writer: title, self URL, alternate (reader page) URL, items. */
    private interface Writer {
        String write(String title, String self, String alternate, List<FeedItem> items);
    }

    @GET
    @Path("feed.rss")
    @Produces(FeedWriter.RSS_MEDIA_TYPE)
    @Operation(summary = "RSS 2.0 feed, newest first, with the feed's filters; ETag and conditional GET")
    public Response rss(@BeanParam Filters filters, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        return feed("feed.rss", FeedWriter::rss, FeedWriter.RSS_MEDIA_TYPE, filters, ifNoneMatch, uri);
    }

    @GET
    @Path("feed.atom")
    @Produces(FeedWriter.ATOM_MEDIA_TYPE)
    @Operation(summary = "Atom 1.0 feed, newest first, with the feed's filters; ETag and conditional GET")
    public Response atom(@BeanParam Filters filters, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        return feed("feed.atom", FeedWriter::atom, FeedWriter.ATOM_MEDIA_TYPE, filters, ifNoneMatch, uri);
    }

    @GET
    @Path("feed.json")
    @Produces(FeedWriter.JSON_FEED_MEDIA_TYPE)
    @Operation(summary = "JSON Feed 1.1, newest first, with the feed's filters; ETag and conditional GET")
    public Response json(@BeanParam Filters filters, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uri) {
        return feed("feed.json", FeedWriter::jsonFeed, FeedWriter.JSON_FEED_MEDIA_TYPE, filters, ifNoneMatch, uri);
    }

    private Response feed(String name, Writer writer, String mediaType, Filters filters, String ifNoneMatch,
            UriInfo uri) {
        List<FeedItem> items = store.page(filters.query(), Optional.empty(), config.feedSize()).stream()
                .map(FeedResource::item).toList();
        String query = new ReaderLinks("/read", filters.readerFilters()).query();
        String etag = FeedWriter.etag(items, name + query);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        String base = config.publicUrl().orElse(uri.getBaseUri().toString()).replaceAll("/+$", "");
        String title = query.isEmpty() ? "Newsflow" : "Newsflow: " + filters.readerFilters().values();
        return Response.ok(writer.write(title, base + "/" + name + query, base + "/read" + query, items), mediaType)
                .header(HttpHeaders.ETAG, etag).build();
    }

    static FeedItem item(StoredArticle a) {
        Function<String, Instant> instant = s -> s == null ? null : Instant.parse(s);
        Instant updated = Optional.ofNullable(instant.apply(a.storedAt())).orElse(Instant.EPOCH);
        return new FeedItem(a.id(), a.revision(), a.title(), a.url(), a.author(),
                a.publishedAt() == null ? null : OffsetDateTime.parse(a.publishedAt()), updated, a.summary(),
                HtmlSanitizer.paragraphs(a.text()), a.categories().stream().map(c -> c.label()).toList(),
                a.language(), a.source(), instant.apply(a.firstStoredAt()));
    }
}
