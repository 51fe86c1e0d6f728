package io.newsflow.ingest.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.stage.ArticleTraces;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes {@link ArticleIngested} events, keyed by article id, and waits for the broker's acknowledgements. */
@ApplicationScoped
public class IngestedEvents {

    private final MutinyEmitter<String> emitter;

    // A batch puts all its events in flight at once; the buffer holds those of several concurrent batches (up to
    // newsflow.ingest.max-batch-size each) while the producer sends them.
    // @formatter:off: the annotated parameter on a line of its own reads better than the formatter's joined line.
    IngestedEvents(@Channel(Topics.ARTICLES_INGESTED) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<String> emitter) {
        // @formatter:on
        this.emitter = emitter;
    }

    /**
     * Sends every event at once, so that the producer batches them, and waits for all acknowledgements together
     * (acks=all), at most {@code timeout}: an event not acknowledged by then is reported, so that the caller can tell
     * the publisher to retry instead of losing the article.
     *
     * @param traces for each event, the trace of the push that brought its article: the record's traceparent header
     *               carries it on to enrich- and publish-service
     * @return for each event in order, {@code null} when Kafka acknowledged it, else why not
     */
    public List<PublishFailedException> publishAll(List<ArticleIngested> events, List<Context> traces,
            Duration timeout) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ArticleIngested event = events.get(i);
            Message<String> message = ArticleTraces.within(Message.of(EventJson.write(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.articleId()).build()),
                    traces.get(i));
            try {
                sent.add(emitter.sendMessage(message).subscribeAsCompletionStage());
            } catch (RuntimeException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PublishFailedException> failures = new ArrayList<>(events.size());
        for (int i = 0; i < sent.size(); i++) {
            failures.add(await(sent.get(i), events.get(i), deadline));
        }
        return failures;
    }

    private static PublishFailedException await(CompletableFuture<Void> ack, ArticleIngested event, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(event, e);
        } catch (ExecutionException e) {
            return failed(event, e.getCause());
        } catch (TimeoutException e) {
            return failed(event, e);
        }
    }

    private static PublishFailedException failed(ArticleIngested event, Throwable cause) {
        return new PublishFailedException("Kafka did not acknowledge article " + event.articleId() + ": " + cause,
                cause);
    }
}
