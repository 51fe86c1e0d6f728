package io.newsflow.publish.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.live.LiveArticles;
import io.newsflow.publish.store.ArticleQuery;
import io.newsflow.publish.store.StoredArticle;
import io.smallrye.mutiny.Multi;

/** The feed live, as Server-Sent Events fed from Kafka through the consumer. */
@Path("/articles/stream")
class StreamResource {

    private static final int BACKLOG = 256;

    private final LiveArticles live;
    private final int backlog;

    StreamResource(LiveArticles live, PublishConfig config) {
        this.live = live;
        // A reconnecting client is sent its whole replay at once, before it reads any of it: room for all of it.
        this.backlog = config.streamReplay() + BACKLOG;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Each newly published article, as it is stored", description = "Events are named article, carry the article as JSON and an opaque id; a client "
            + "reconnecting with Last-Event-ID, to this instance or another, first gets the recent articles it missed. "
            + "Every instance streams every article. Takes the feed's filters.")
    public Multi<OutboundSseEvent> stream(@BeanParam Filters filters, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        ArticleQuery query = filters.query();
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            Runnable unsubscribe = live.subscribe(lastEventId, published -> {
                if (query.matches(published.article())) {
                    emitter.emit(sse.newEventBuilder().name("article").id(published.id())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(StoredArticle.class, published.article())
                            .build());
                }
            });
            emitter.onTermination(unsubscribe);
        })
                // A client that stops reading must not fill the heap: past this backlog (its replay and 256 more) its
                // stream fails, and it reconnects with Last-Event-ID to get the rest from the replay buffer.
                .onOverflow().buffer(backlog);
    }
}
