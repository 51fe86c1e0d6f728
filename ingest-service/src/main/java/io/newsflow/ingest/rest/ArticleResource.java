package io.newsflow.ingest.rest;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.contract.Article;
import io.newsflow.ingest.Ingestion;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.extraction.ExtractedArticle;
import io.newsflow.ingest.extraction.PlainTextArticleParser;

/** Publishers push articles here. */
@Path("/articles")
class ArticleResource {

    private final Ingestion ingestion;
    private final IngestConfig config;
    private final PlainTextArticleParser textParser = new PlainTextArticleParser();

    ArticleResource(Ingestion ingestion, IngestConfig config) {
        this.ingestion = ingestion;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as JSON",
            description = "Fields: title and text (required); url, author, publishedAt (ISO 8601, with offset or in the "
                    + "article's time zone), section, source, language (ISO 639-1), tags.")
    @APIResponse(responseCode = "202", description = "Accepted: a new article or a new revision was emitted")
    @APIResponse(responseCode = "200", description = "Already known with the same content: nothing emitted")
    @APIResponse(responseCode = "400", description = "Invalid article; problem+json lists each invalid field")
    @APIResponse(responseCode = "503", description = "Kafka unavailable: nothing accepted, retry later")
    public Response pushJson(String body,
            @Parameter(description = "IANA time zone for a publishedAt without offset") @QueryParam("timeZone") String timeZone) {
        Article article = ArticleRequests.toArticle(ArticleRequests.parse(body), "", zones(timeZone));
        return answer(ingestion.ingest(article));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as plain text",
            description = "Title on the first line, then a byline (date - section - author), then the body; share "
                    + "lines, related-article blocks and tag lines are recognised and kept out of the body.")
    @APIResponse(responseCode = "202", description = "Accepted: a new article or a new revision was emitted")
    @APIResponse(responseCode = "200", description = "Already known with the same content: nothing emitted")
    @APIResponse(responseCode = "400", description = "No title or no body found")
    public Response pushText(String body,
            @Parameter(description = "Address of the article") @QueryParam("url") String url,
            @Parameter(description = "Publisher name") @QueryParam("source") String source,
            @Parameter(description = "Declared ISO 639-1 language") @QueryParam("language") String language,
            @Parameter(description = "IANA time zone of the publisher") @QueryParam("timeZone") String timeZone) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("The request body is empty.", List.of());
        }
        String lang = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
        ExtractedArticle extracted;
        try {
            extracted = textParser.parse(body, zones(timeZone).forDeclaredLanguage(lang));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), List.of(new Problem.FieldError("body", e.getMessage())));
        }
        String canonical = null;
        if (url != null && !url.isBlank()) {
            try {
                canonical = Ingestion.canonicalUrl(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("The url parameter is not an absolute URL.",
                        List.of(new Problem.FieldError("url", "must be an absolute http or https URL")));
            }
        }
        Article article = new Article(extracted.title(), extracted.text(), canonical, extracted.author(),
                extracted.publishedAt(), extracted.section(), source != null ? source : extracted.siteName(), lang,
                extracted.tags());
        return answer(ingestion.ingest(article));
    }

    private Response answer(Ingestion.Result result) {
        Response.Status status = result.status() == Ingestion.Status.UNCHANGED ? Response.Status.OK : Response.Status.ACCEPTED;
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ArticleRequests.accepted(result)).build();
    }

    private TimeZones zones(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return new TimeZones(null, config);
        }
        try {
            return new TimeZones(ZoneId.of(timeZone.strip()), config);
        } catch (DateTimeException e) {
            throw new InvalidInputException("Unknown time zone " + timeZone + ".",
                    List.of(new Problem.FieldError("timeZone", "must be an IANA zone such as Africa/Casablanca")));
        }
    }
}
