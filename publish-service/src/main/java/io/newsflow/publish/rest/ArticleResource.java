package io.newsflow.publish.rest;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
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
import io.newsflow.publish.store.ArticleQuery;
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

    @GET
    @Operation(summary = "Newest articles first", description = "Filters combine with AND; limit is capped.")
    public List<StoredArticle> list(@QueryParam("language") String language, @QueryParam("tag") String tag,
            @QueryParam("keyword") String keyword, @QueryParam("source") String source,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1) {
            throw new BadRequestException("limit must be at least 1");
        }
        ArticleQuery query = new ArticleQuery(present(language), present(tag), present(keyword), present(source));
        return store.newest(query, Math.min(limit, config.maxPageSize()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One article by id")
    @APIResponse(responseCode = "404", description = "No article with this id")
    public StoredArticle get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No article with id " + id));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
