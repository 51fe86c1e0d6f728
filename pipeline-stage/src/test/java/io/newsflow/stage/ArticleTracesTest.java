package io.newsflow.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Plain Java over the OpenTelemetry SDK with an in-memory exporter and W3C propagation; no broker. */
class ArticleTracesTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    final InMemorySpanExporter exported = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(
                    SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    final ArticleTraces traces = new ArticleTraces(sdk);

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void anArticlesSpanContinuesTheTraceItsRecordsTraceparentHeaderNames() {
        Message<String> record = record("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01");

        Span span = traces.start("enrich article", traces.of(record), "a1");
        span.end();

        SpanData data = exported.getFinishedSpanItems().get(0);
        assertEquals(TRACE_ID, data.getTraceId());
        assertEquals(PARENT_SPAN_ID, data.getParentSpanId());
        assertEquals("a1", data.getAttributes().get(io.opentelemetry.api.common.AttributeKey
                .stringKey(ArticleTraces.ARTICLE_ID)));
    }

    @Test
    void aRecordWithoutTraceStartsANewTraceForItsArticle() {
        Span first = traces.start("enrich article", traces.of(record("other", "x")), "a1");
        Span second = traces.start("enrich article", traces.of(record("other", "x")), "a2");
        first.end();
        second.end();

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertTrue(spans.get(0).getSpanContext().isValid());
        assertFalse(spans.get(0).getParentSpanContext().isValid(), "a root span");
        assertNotEquals(spans.get(0).getTraceId(), spans.get(1).getTraceId());
    }

    @Test
    void theConnectorsConsumerSpanIsPreferredToTheHeaderWhenItMadeOne() {
        Span consumer = traces.start("consumer", Context.root(), "a1");
        Message<String> record = ArticleTraces.within(record("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID
                + "-01"), Context.root().with(consumer));

        assertEquals(consumer.getSpanContext(), Span.fromContext(traces.of(record)).getSpanContext());
    }

    @Test
    void aMessageSentWithinAContextCarriesItForTheConnectorsProducerSpan() {
        Span span = traces.start("enrich article", Context.root(), "a1");
        Message<String> sent = ArticleTraces.within(Message.of("{}"), Context.root().with(span));

        Context carried = sent.getMetadata(TracingMetadata.class).orElseThrow().getCurrentContext();
        assertEquals(span.getSpanContext(), Span.fromContext(carried).getSpanContext());
    }

    @Test
    void theCurrentTraceIdIsTheCurrentSpansAndNoneOutsideASpan() {
        assertTrue(ArticleTraces.currentTraceId().isEmpty());
        Span span = traces.start("push", Context.root(), "a1");
        try (Scope scope = span.makeCurrent()) {
            assertEquals(span.getSpanContext().getTraceId(), ArticleTraces.currentTraceId().orElseThrow());
        } finally {
            span.end();
        }
    }

    private static Message<String> record(String header, String value) {
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>("articles-ingested", 0, 7, "a1", "{}");
        consumed.headers().add(header, value.getBytes(StandardCharsets.UTF_8));
        return Message.of("{}").addMetadata(new IncomingKafkaRecordMetadata<>(consumed, "articles-ingested"));
    }
}
