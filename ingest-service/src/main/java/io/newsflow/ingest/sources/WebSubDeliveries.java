package io.newsflow.ingest.sources;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.extraction.Charsets;
import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.FeedParser;
import io.newsflow.extraction.feeds.ParsedFeed;
import io.newsflow.ingest.InvalidInputException;
import io.newsflow.ingest.store.SourceStore.Source;

/**
 * The hub's use case: content it distributes for a subscription. The signature is checked before anything is
 * parsed; the entries then go the way of a poll's ({@link FeedPoller#take}).
 */
@ApplicationScoped
public class WebSubDeliveries {

    private final WebSubSubscriber websub;
    private final FeedPoller poller;
    private final FeedParser parser = new FeedParser();

    WebSubDeliveries(WebSubSubscriber websub, FeedPoller poller) {
        this.websub = websub;
        this.poller = poller;
    }

    /** How many entries the delivery held and how many were new. */
    public record Delivered(int entries, int taken) {
    }

    /**
     * @return empty when the signature is missing or does not match the subscription's secret
     * @throws InvalidInputException when the signed content is not a feed
     */
    public Optional<Delivered> deliver(String sourceId, byte[] body, String signature, String contentType)
            throws InterruptedException {
        byte[] content = body == null ? new byte[0] : body;
        Optional<Source> source = websub.authenticate(sourceId, content, signature);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        ParsedFeed feed;
        try {
            feed = parser.parse(content, Charsets.detect(content, contentType), contentType,
                    URI.create(source.get().url()));
        } catch (FeedException e) {
            throw new InvalidInputException("The delivered content is not a feed: " + e.getMessage(), List.of());
        }
        return Optional.of(new Delivered(feed.entries().size(), poller.take(source.get(), feed.entries())));
    }
}
