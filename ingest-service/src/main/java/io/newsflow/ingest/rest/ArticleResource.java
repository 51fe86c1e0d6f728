package io.newsflow.ingest.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.ArticleInputs.Hints;
import io.newsflow.ingest.ArticlePushes;
import io.newsflow.ingest.Ingestion;

/** Publishers push articles here; {@link ArticlePushes} does the work. */
@Path("/articles")
@PublisherKey
class ArticleResource {

    static final String NDJSON = "application/x-ndjson";

    private final ArticlePushes pushes;
    private final CurrentPublisher publisher;

    ArticleResource(ArticlePushes pushes, CurrentPublisher publisher) {
        this.pushes = pushes;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as JSON", description = "Fields: title and text (required); url, author, publishedAt (ISO 8601, with offset or in the "
            + "article's time zone), section, source, language (ISO 639-1), tags.")
    @APIResponse(responseCode = "202", description = "Accepted: a new article or a new revision was emitted", content = @Content(schema = @Schema(implementation = PushAnswer.class)))
    @APIResponse(responseCode = "200", description = "Already known with the same content, or a duplicate of another "
            + "article's story: nothing emitted", content = @Content(schema = @Schema(implementation = PushAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid article; problem+json lists each invalid field")
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "403", description = "The key may not write this source")
    @APIResponse(responseCode = "413", description = "Body over the configured limit")
    @APIResponse(responseCode = "503", description = "Kafka unavailable: nothing accepted, retry later")
    public Response pushJson(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "IANA time zone for a publishedAt without offset") @QueryParam("timeZone") String timeZone) {
        return answer(pushes.pushJson(body, contentType, Hints.timeZone(timeZone), publisher.get()));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as plain text", description = "Title on the first line, then a byline (date - section - author), then the body; share "
            + "lines, related-article blocks and tag lines are recognised and kept out of the body.")
    public Response pushText(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam Query query) {
        return answer(pushes.pushText(body, contentType, query.hints(), publisher.get()));
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push a whole HTML page", description = "The article is extracted from the page: structured data first (JSON-LD, Open Graph, meta), "
            + "then the main content of the DOM. Give the page's address as ?url= so links resolve.")
    public Response pushHtml(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam Query query) {
        return answer(pushes.pushHtml(body, contentType, query.hints(), publisher.get()));
    }

    /** Query parameters of the text and HTML forms. */
    static class Query {
        @Parameter(description = "Address of the article")
        @QueryParam("url")
        String url;
        @Parameter(description = "Publisher name")
        @QueryParam("source")
        String source;
        @Parameter(description = "Declared ISO 639-1 language")
        @QueryParam("language")
        String language;
        @Parameter(description = "IANA time zone of the publisher")
        @QueryParam("timeZone")
        String timeZone;

        Hints hints() {
            return new Hints(url, source, language, timeZone);
        }
    }

    @POST
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @Operation(summary = "Push a batch of JSON articles, one per line", description = "Answers one JSON line per input line, in order: {line, status, id, revision} when accepted, "
            + "{line, status: \"invalid\" | \"forbidden\" | \"unavailable\", problem} when not. A bad line never "
            + "stops the others.")
    @APIResponse(responseCode = "200", description = "One line per input line", content = @Content(mediaType = NDJSON, schema = @Schema(implementation = PushAnswer.Line.class)))
    public Response pushBatch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("timeZone") String timeZone) {
        String answer = NdJson.lines(pushes.pushBatch(body, contentType, Hints.timeZone(timeZone), publisher.get())
                .stream().map(PushAnswer.Line::of).toList());
        return Response.ok(answer, NDJSON).build();
    }

    private static Response answer(Ingestion.Result result) {
        Response.Status status = switch (result.status()) {
            case CREATED, REVISED -> Response.Status.ACCEPTED;
            case UNCHANGED, DUPLICATE -> Response.Status.OK;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(PushAnswer.of(result)).build();
    }
}
