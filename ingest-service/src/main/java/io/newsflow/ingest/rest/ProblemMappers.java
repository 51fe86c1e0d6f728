package io.newsflow.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.ArticleTooLargeException;
import io.newsflow.ingest.BodyTooLargeException;
import io.newsflow.ingest.ForbiddenArticleException;
import io.newsflow.ingest.ForbiddenSourceException;
import io.newsflow.ingest.InvalidInputException;
import io.newsflow.ingest.ServiceBusyException;
import io.newsflow.ingest.ServiceStoppingException;
import io.newsflow.ingest.messaging.PublishFailedException;
import io.newsflow.ingest.sources.SourceQuotaException;

/** Every error leaves as application/problem+json (RFC 9457), in the one shape of {@link Problem}. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response invalidInput(InvalidInputException e) {
        return Problems.response(Problem.invalid(e.getMessage(), e.errors()));
    }

    /** A body, or an article's event, larger than this service takes. */
    @ServerExceptionMapper({BodyTooLargeException.class, ArticleTooLargeException.class})
    Response tooLarge(RuntimeException e) {
        return Problems.response(Problem.of(413, e.getMessage()));
    }

    /** A valid key asking for what its publisher may not: another's source or article, a feed over its quota. */
    @ServerExceptionMapper({ForbiddenSourceException.class, ForbiddenArticleException.class,
            SourceQuotaException.class})
    Response forbidden(RuntimeException e) {
        return Problems.response(Problem.of(403, e.getMessage()));
    }

    @ServerExceptionMapper
    Response publishFailed(PublishFailedException e) {
        LOG.warn(e.getMessage());
        return Response.fromResponse(Problems.response(Problem.of(503,
                "The article was not accepted because the event broker did not acknowledge it; retry later.")))
                .header("Retry-After", "5").build();
    }

    /** Not decided, nothing accepted: stopping, or too busy to take it in time. */
    @ServerExceptionMapper({ServiceStoppingException.class, ServiceBusyException.class})
    Response notDecided(RuntimeException e) {
        return Response.fromResponse(Problems.response(Problem.of(503, e.getMessage()))).header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    Response mongoUnavailable(MongoException e) {
        LOG.warn("MongoDB failed during a request: " + e.getMessage());
        return Response.fromResponse(Problems.response(Problem.of(503,
                "The article store is unavailable; nothing was accepted, retry later.")))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 415 -> "Send application/json or text/plain (charset UTF-8).";
            case 413 -> "The request body is larger than this service accepts.";
            default -> e.getMessage();
        };
        return Problems.response(Problem.of(status, detail));
    }
}
