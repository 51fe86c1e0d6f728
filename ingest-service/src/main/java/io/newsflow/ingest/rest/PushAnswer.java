package io.newsflow.ingest.rest;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.ArticlePushes.LineOutcome;
import io.newsflow.ingest.Ingestion;
import io.newsflow.stage.ArticleTraces;

/** What became of a pushed article. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What became of a pushed article")
record PushAnswer(
        @Schema(description = "The article id, derived from its URL (or content)", examples = "5f1c2a9e0b3d4c7a") String id,
        @Schema(description = "The revision emitted or known; 0 for a duplicate", examples = "1") int revision,
        @Schema(description = "created, revised, unchanged or duplicate", examples = "created") String status,
        @Schema(description = "For a duplicate: the id of the article it copies") String duplicateOf,
        @Schema(description = "The W3C trace id of this push: the traceparent's when the request sent one, else a new "
                + "one; the article's events carry it to enrich- and publish-service, and log lines about it name it", examples = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {

    static PushAnswer of(Ingestion.Result result) {
        return new PushAnswer(result.id(), result.revision(), result.status().name().toLowerCase(Locale.ROOT),
                result.duplicateOf(), ArticleTraces.currentTraceId().orElse(null));
    }

    /** One line of the NDJSON answer to a batch: the line's number and either what became of it or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One line of the answer to a batch")
    record Line(@Schema(examples = "1") int line,
            @Schema(description = "created, revised, unchanged, duplicate; or invalid, forbidden, unavailable "
                    + "(push the line again)", examples = "created") String status,
            String id, Integer revision, String duplicateOf, Problem problem,
            @Schema(description = "The batch request's trace id, as in a single push's answer") String traceId) {

        static Line of(LineOutcome outcome) {
            if (outcome.result() == null) {
                return new Line(outcome.line(), outcome.refusal(), null, null, null, outcome.problem(),
                        ArticleTraces.currentTraceId().orElse(null));
            }
            PushAnswer answer = PushAnswer.of(outcome.result());
            return new Line(outcome.line(), answer.status(), answer.id(), answer.revision(), answer.duplicateOf(),
                    null, answer.traceId());
        }
    }
}
