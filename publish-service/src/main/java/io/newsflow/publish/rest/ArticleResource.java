package io.newsflow.publish.rest;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.feeds.Cursor;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.StoredArticle;

/** The feed as JSON. */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
class ArticleResource {

    private final ArticleStore store;
    private final PublishConfig config;

    ArticleResource(ArticleStore store, PublishConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A page of the feed; {@code next} is the cursor of the following page, null on the last. */
    record Page(List<StoredArticle> articles, String next) {
    }

    @GET
    @Operation(summary = "Newest articles first", description = "Filters combine with AND; limit is capped. Pass the answer's next as cursor for the "
            + "following page: pages stay consistent while new articles arrive.")
    public Page list(@BeanParam Filters filters, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        return page(store, filters, cursor, limit, config.maxPageSize());
    }

    static Page page(ArticleStore store, Filters filters, String cursor, int limit, int maxPageSize) {
        if (limit < 1) {
            throw new BadRequestException("limit must be at least 1");
        }
        Optional<Cursor> after;
        try {
            after = cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(Cursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this service gave out: " + e.getMessage());
        }
        int size = Math.min(limit, maxPageSize);
        // One more than asked tells whether a next page exists without a second query.
        List<StoredArticle> found = store.page(filters.query(), after, size + 1);
        List<StoredArticle> articles = found.subList(0, Math.min(size, found.size()));
        String next = found.size() > size
                ? Cursor.encode(articles.get(articles.size() - 1).sortAt(), articles.get(articles.size() - 1).id())
                : null;
        return new Page(articles, next);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One article by id")
    @APIResponse(responseCode = "404", description = "No article with this id")
    public StoredArticle get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No article with id " + id));
    }
}
