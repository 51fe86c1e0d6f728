package io.newsflow.enrich.rest;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.contract.Enrichment;
import io.newsflow.contract.Problem;
import io.newsflow.edge.OperatorKey;
import io.newsflow.enrich.ArticleEnrichment;

/** Enrichment on demand, for trials and evaluation; emits nothing. */
@Path("/enrich")
@OperatorKey
class EnrichResource {

    private final ArticleEnrichment enrichment;

    EnrichResource(ArticleEnrichment enrichment) {
        this.enrichment = enrichment;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Enrich an article without emitting it", description = "Body: title and text, optionally language and tags (merged into the keywords).")
    public Enrichment enrich(EnrichRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new BadRequestException("text is required and must not be blank");
        }
        return enrichment.enrich(request.title(), request.text(), request.language(), request.tags());
    }

    record EnrichRequest(String title, String text, String language, List<String> tags) {
    }
}
