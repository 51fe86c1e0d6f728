package io.newsflow.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.ConfigProvider;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request of every service (a Vert.x filter, ahead of Quarkus's own body-size check and
 * of every resource). Two rules, the same in all three services:
 * <ul>
 * <li>A body whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} gets 413 problem+json at
 * once, unread (Quarkus would answer 413 too, but with no body). A body sent in chunks, without a length, is read
 * here up to that limit and handed to the resource as read; at the first byte over it, 413 problem+json, and the
 * connection is closed. Either way no more than the limit is ever held.</li>
 * <li>A request line whose target is longer than {@link EdgeConfig#maxUriLength()} gets 414 problem+json. (The HTTP
 * codec's own limit, {@code quarkus.http.limits.max-initial-line-length}, is set above it in each service; beyond
 * that the codec answers by itself.)</li>
 * <li>The operator's endpoints answer 404 problem+json where {@link EdgeConfig} closes them, except to a request
 * with the service's operator key ({@link OperatorKeyPolicy}): that is how a Prometheus inside the deployment scrapes
 * {@code /q/metrics} that the public cannot read.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

    // Above Quarkus's body-size route (order -2): a filter's priority p runs at order -p.
    private static final int PRIORITY = 100;

    private final EdgeConfig config;
    // An Instance, read per request: the service's policy reads runtime configuration.
    private final Instance<OperatorKeyPolicy> operatorKey;

    HttpEdge(EdgeConfig config, Instance<OperatorKeyPolicy> operatorKey) {
        this.config = config;
        this.operatorKey = operatorKey;
    }

    void register(@Observes Filters filters) {
        long maxBody = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        String root = "/" + ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.non-application-root-path", String.class).orElse("q")
                .replaceAll("^/+|/+$", "");
        filters.register(rc -> handle(rc, maxBody, root), PRIORITY);
    }

    private void handle(RoutingContext rc, long maxBody, String root) {
        if (rc.request().uri().length() > config.maxUriLength()) {
            answer(rc, Problem.of(414, "The request target has " + rc.request().uri().length()
                    + " characters; this service takes at most " + config.maxUriLength() + "."), false);
            return;
        }
        String path = rc.normalizedPath();
        if (path.startsWith(root + "/")) {
            String endpoint = path.substring(root.length() + 1);
            boolean closed = !config.publicMetrics() && endpoint.startsWith("metrics") || !config.publicApiDocs()
                    && (endpoint.startsWith("openapi") || endpoint.startsWith("swagger-ui"));
            if (closed
                    && !OperatorKeyPolicy.of(operatorKey).accepts(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
                answer(rc, Problem.of(404, "This endpoint is not public on this deployment (newsflow.http.*)."), false);
                return;
            }
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredOver(length, maxBody)) {
            answer(rc, Problem.of(413, "The body declares " + length.strip() + " bytes; this endpoint takes at most "
                    + maxBody + "."), true);
            return;
        }
        if (length == null && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            readChunked(rc, maxBody);
            return;
        }
        rc.next();
    }

    /**
     * Reads a body of unknown length up to {@code maxBody}, then lets the request go on with it: RESTEasy Reactive
     * takes a body already read from the routing context instead of reading the request again.
     */
    private static void readChunked(RoutingContext rc, long maxBody) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBody) {
                refused[0] = true;
                answer(rc, Problem.of(413, "The body, sent without a length, passed " + maxBody
                        + " bytes, the most this endpoint takes."), true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                rc.setBody(body);
                rc.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    private static boolean declaredOver(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself
        }
    }

    /** The problem document, and for an unread body the end of the connection, as Quarkus does. */
    private static void answer(RoutingContext rc, Problem problem, boolean closeConnection) {
        var response = rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (closeConnection) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(EventJson.write(problem));
    }
}
