package io.newsflow.ingest.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.contract.Article;
import io.newsflow.ingest.Ingestion;
import io.newsflow.ingest.config.IngestConfig;

/** Publishers push articles here. */
@Path("/articles")
@PublisherKey
class ArticleResource {

    static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ingestion ingestion;
    private final IngestConfig config;
    private final CurrentPublisher publisher;
    private final ArticleInputs inputs;

    ArticleResource(Ingestion ingestion, IngestConfig config, CurrentPublisher publisher, ArticleInputs inputs) {
        this.ingestion = ingestion;
        this.config = config;
        this.publisher = publisher;
        this.inputs = inputs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as JSON",
            description = "Fields: title and text (required); url, author, publishedAt (ISO 8601, with offset or in the "
                    + "article's time zone), section, source, language (ISO 639-1), tags.")
    @APIResponse(responseCode = "202", description = "Accepted: a new article or a new revision was emitted")
    @APIResponse(responseCode = "200", description = "Already known with the same content, or a duplicate of another "
            + "article's story: nothing emitted")
    @APIResponse(responseCode = "400", description = "Invalid article; problem+json lists each invalid field")
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "403", description = "The key may not write this source")
    @APIResponse(responseCode = "413", description = "Body over the configured limit")
    @APIResponse(responseCode = "503", description = "Kafka unavailable: nothing accepted, retry later")
    public Response pushJson(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "IANA time zone for a publishedAt without offset") @QueryParam("timeZone") String timeZone) {
        return push(inputs.json(inputs.decode(body, contentType), new ArticleInputs.Hints(null, null, null, timeZone)));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push an article as plain text",
            description = "Title on the first line, then a byline (date - section - author), then the body; share "
                    + "lines, related-article blocks and tag lines are recognised and kept out of the body.")
    public Response pushText(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam Query query) {
        return push(inputs.text(inputs.decode(body, contentType), query.hints()));
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push a whole HTML page",
            description = "The article is extracted from the page: structured data first (JSON-LD, Open Graph, meta), "
                    + "then the main content of the DOM. Give the page's address as ?url= so links resolve.")
    public Response pushHtml(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam Query query) {
        inputs.checkSize(body);
        return push(inputs.html(body, contentType, query.hints()));
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

        ArticleInputs.Hints hints() {
            return new ArticleInputs.Hints(url, source, language, timeZone);
        }
    }

    private Response push(ArticleInputs.Input input) {
        return answer(ingestion.ingest(authorised(input.article())));
    }

    @POST
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @Operation(summary = "Push a batch of JSON articles, one per line",
            description = "Answers one JSON line per input line, in order: {line, status, id, revision} when accepted, "
                    + "{line, status: \"invalid\" | \"forbidden\" | \"unavailable\", problem} when not. A bad line never "
                    + "stops the others.")
    public Response pushBatch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("timeZone") String timeZone) {
        String[] lines = inputs.decode(body, contentType).split("\\r?\\n");
        long articles = Arrays.stream(lines).filter(l -> !l.isBlank()).count();
        if (articles > config.maxBatchSize()) {
            throw new InvalidInputException("A batch holds at most " + config.maxBatchSize() + " articles; this one has "
                    + articles + ".", List.of());
        }
        ArticleInputs.Hints hints = new ArticleInputs.Hints(null, null, null, timeZone);
        // Every line is read and authorised first; the valid ones then go to Kafka and MongoDB as one batch.
        List<Map<String, Object>> answers = new ArrayList<>();
        List<Article> valid = new ArrayList<>();
        List<Map<String, Object>> validAnswers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("line", i + 1);
            answers.add(result);
            try {
                valid.add(authorised(inputs.json(lines[i], hints).article()));
                validAnswers.add(result);
            } catch (InvalidInputException e) {
                result.put("status", "invalid");
                result.put("problem", new Problem("about:blank", "Invalid article", 400, e.getMessage(), null, e.errors()));
            } catch (ForbiddenSourceException e) {
                result.put("status", "forbidden");
                result.put("problem", Problem.of(Response.Status.FORBIDDEN, e.getMessage()));
            }
        }
        List<Ingestion.Outcome> outcomes = ingestion.ingestAll(valid);
        for (int i = 0; i < valid.size(); i++) {
            Ingestion.Outcome outcome = outcomes.get(i);
            if (outcome.result() != null) {
                validAnswers.get(i).putAll(ArticleRequests.accepted(outcome.result()));
            } else {
                validAnswers.get(i).put("status", "unavailable");
                validAnswers.get(i).put("problem", Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                        "Not accepted: the event broker or the database did not acknowledge it; push this line again."));
            }
        }
        StringBuilder answer = new StringBuilder();
        for (Map<String, Object> result : answers) {
            try {
                answer.append(JSON.writeValueAsString(result)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.ok(answer.toString(), NDJSON).build();
    }

    private Article authorised(Article article) {
        String source = publisher.authorise(article.source());
        return new Article(article.title(), article.text(), article.url(), article.author(), article.publishedAt(),
                article.section(), source, article.language(), article.tags(), article.related());
    }

    private Response answer(Ingestion.Result result) {
        Response.Status status = switch (result.status()) {
            case CREATED, REVISED -> Response.Status.ACCEPTED;
            case UNCHANGED, DUPLICATE -> Response.Status.OK;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ArticleRequests.accepted(result)).build();
    }

}
