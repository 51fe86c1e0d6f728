package io.newsflow.ingest.rest;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.extraction.Charsets;
import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.FeedParser;
import io.newsflow.extraction.feeds.ParsedFeed;
import io.newsflow.ingest.sources.FeedPoller;
import io.newsflow.ingest.sources.WebSubSubscriber;
import io.newsflow.ingest.store.SourceStore.Source;

/**
 * The WebSub callback of each source. Hubs authenticate with the subscription's secret (X-Hub-Signature), not with
 * an API key.
 */
@Path("/websub/{sourceId}")
class WebSubResource {

    private final WebSubSubscriber websub;
    private final FeedPoller poller;
    private final FeedParser parser = new FeedParser();

    WebSubResource(WebSubSubscriber websub, FeedPoller poller) {
        this.websub = websub;
        this.poller = poller;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WebSub verification of intent", description = "Echoes hub.challenge when we asked for it.")
    public Response verify(@PathParam("sourceId") String sourceId, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.topic") String topic, @QueryParam("hub.challenge") String challenge,
            @QueryParam("hub.lease_seconds") Long leaseSeconds, @QueryParam("hub.reason") String reason) {
        if ("denied".equals(mode)) {
            websub.denied(sourceId, reason);
            return Response.ok().build();
        }
        return websub.verify(sourceId, mode, topic, challenge, leaseSeconds)
                .map(c -> Response.ok(c, MediaType.TEXT_PLAIN).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "WebSub content distribution", description = "The hub delivers new feed content here, signed.")
    public Response deliver(@PathParam("sourceId") String sourceId, byte[] body,
            @HeaderParam("X-Hub-Signature") String signature, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
            throws InterruptedException {
        byte[] content = body == null ? new byte[0] : body;
        Optional<Source> source = websub.authenticate(sourceId, content, signature);
        if (source.isEmpty()) {
            return Problem.of(Response.Status.FORBIDDEN,
                    "X-Hub-Signature is missing or does not match this subscription's secret.").toResponse();
        }
        ParsedFeed feed;
        try {
            Charset charset = Charsets.detect(content, contentType);
            feed = parser.parse(content, charset, contentType, URI.create(source.get().url()));
        } catch (FeedException e) {
            throw new InvalidInputException("The delivered content is not a feed: " + e.getMessage(), java.util.List.of());
        }
        int taken = poller.take(source.get(), feed.entries());
        return Response.ok(Map.of("entries", feed.entries().size(), "taken", taken), MediaType.APPLICATION_JSON).build();
    }
}
