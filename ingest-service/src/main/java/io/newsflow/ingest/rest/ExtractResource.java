package io.newsflow.ingest.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.ArticleInputs;
import io.newsflow.ingest.Extraction;
import io.newsflow.ingest.InvalidInputException;

/**
 * Shows what ingest-service reads from an input, and where each field came from, without emitting anything: for
 * publishers checking their pages, and for evaluating the extractor. {@link ArticleInputs} is the same reader
 * pushes go through.
 */
@Path("/extract")
@PublisherKey
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
class ExtractResource {

    private final ArticleInputs inputs;

    ExtractResource(ArticleInputs inputs) {
        this.inputs = inputs;
    }

    /** One line of the answer to a batch: the extraction, or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(int line, Extraction extraction, Problem problem) {
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Extract the article from a whole HTML page", description = "title, author, publishedAt (with offset), modifiedAt, section, siteName, canonicalUrl, "
            + "language (as declared), text, html (sanitised), tags, related, imageUrl, and sources: where "
            + "each field came from (json-ld, open-graph, meta, time-element, markup, text).")
    public Extraction html(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        return inputs.html(body, contentType, query.hints()).extraction();
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Extract the article from its text form")
    public Extraction text(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        return inputs.text(inputs.decode(body, contentType), query.hints()).extraction();
    }

    @POST
    @Consumes(ArticleResource.NDJSON)
    @Produces(ArticleResource.NDJSON)
    @Operation(summary = "Validate and normalise a batch of JSON articles, one per line", description = "One answer line per input line: {line, extraction} or {line, problem}.")
    @APIResponse(responseCode = "200", description = "One line per input line", content = @Content(mediaType = ArticleResource.NDJSON, schema = @Schema(implementation = Line.class)))
    public String batch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        String[] lines = inputs.batchLines(body, contentType);
        List<Line> answers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                answers.add(new Line(i + 1, inputs.json(lines[i], query.hints()).extraction(), null));
            } catch (InvalidInputException e) {
                answers.add(new Line(i + 1, null, Problem.invalid(e.getMessage(), e.errors())));
            }
        }
        return NdJson.lines(answers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate and normalise a JSON article")
    public Extraction json(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        return inputs.json(inputs.decode(body, contentType), query.hints()).extraction();
    }
}
