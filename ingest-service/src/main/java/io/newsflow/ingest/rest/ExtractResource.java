package io.newsflow.ingest.rest;

import java.util.Map;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Shows what ingest-service reads from an input, and where each field came from, without emitting anything: for
 * publishers checking their pages, and for evaluating the extractor.
 */
@Path("/extract")
@PublisherKey
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
class ExtractResource {

    private final ArticleInputs inputs;

    ExtractResource(ArticleInputs inputs) {
        this.inputs = inputs;
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Extract the article from a whole HTML page",
            description = "title, author, publishedAt (with offset), modifiedAt, section, siteName, canonicalUrl, "
                    + "language (as declared), text, html (sanitised), tags, related, imageUrl, and sources: where "
                    + "each field came from (json-ld, open-graph, meta, time-element, markup, text).")
    public Map<String, Object> html(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        inputs.checkSize(body);
        return inputs.html(body, contentType, query.hints()).extraction();
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Extract the article from its text form")
    public Map<String, Object> text(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        return inputs.text(inputs.decode(body, contentType), query.hints()).extraction();
    }

    @POST
    @Consumes(ArticleResource.NDJSON)
    @Produces(ArticleResource.NDJSON)
    @Operation(summary = "Validate and normalise a batch of JSON articles, one per line",
            description = "One answer line per input line: {line, extraction} or {line, problem}.")
    public String batch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        String[] lines = inputs.decode(body, contentType).split("\\r?\\n");
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            result.put("line", i + 1);
            try {
                result.put("extraction", inputs.json(lines[i], query.hints()).extraction());
            } catch (InvalidInputException e) {
                result.put("problem", new Problem("about:blank", "Invalid article", 400, e.getMessage(), null, e.errors()));
            }
            answer.append(io.newsflow.contract.EventJson.write(result)).append('\n');
        }
        return answer.toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate and normalise a JSON article")
    public Map<String, Object> json(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam ArticleResource.Query query) {
        return inputs.json(inputs.decode(body, contentType), query.hints()).extraction();
    }
}
