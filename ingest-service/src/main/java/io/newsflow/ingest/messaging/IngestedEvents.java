package io.newsflow.ingest.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes {@link ArticleIngested} events, keyed by article id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class IngestedEvents {

    private final MutinyEmitter<String> emitter;

    IngestedEvents(@Channel(Topics.ARTICLES_INGESTED) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Returns once Kafka has the event (acks=all); throws {@link PublishFailedException} when it does not within {@code timeout}, so that the caller
     * can tell the publisher to retry instead of losing the article.
     */
    public void publish(ArticleIngested event, Duration timeout) {
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.articleId()).build());
        try {
            emitter.sendMessage(message).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new PublishFailedException("Kafka did not acknowledge article " + event.articleId() + ": " + e, e);
        }
    }
}
