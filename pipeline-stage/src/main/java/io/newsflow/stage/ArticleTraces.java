package io.newsflow.stage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * One trace per article, from the push (or the feed poll) to its MongoDB write (docs/adr/0012). Over HTTP the trace
 * comes with the request ({@code traceparent}, or a new one); over Kafka it travels in the record's W3C
 * {@code traceparent} header, which the Kafka connector writes for every message sent {@link #within} a context.
 * The stages read a poll at a time, so the connector cannot tell which article is being worked on: each stage takes
 * a record's context with {@link #of} and starts that article's span with {@link #start}; making the span current
 * puts its trace id in every log line written meanwhile ({@code %X{traceId}}).
 */
@ApplicationScoped
public class ArticleTraces {

    /** The attribute naming the article a span is about. */
    public static final String ARTICLE_ID = "newsflow.article.id";

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public ArticleTraces(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("io.newsflow");
    }

    /**
     * The context a consumed record belongs to: the connector's consumer span when it made one, else the trace in
     * the record's headers, else none (a record sent before tracing, or by a producer that does not trace).
     */
    public Context of(Message<?> record) {
        Optional<Context> traced = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext)
                .filter(c -> Span.fromContext(c).getSpanContext().isValid());
        if (traced.isPresent()) {
            return traced.get();
        }
        Headers headers = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (Headers) m.getHeaders()).orElse(null);
        if (headers == null) {
            return Context.root();
        }
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, HEADERS);
    }

    /** Starts the span of one article's work in this stage, a child of {@code parent} (a new trace without one). */
    public Span start(String name, Context parent, String articleId) {
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(ARTICLE_ID, articleId == null ? "" : articleId).startSpan();
    }

    /** The message, to be sent as part of {@code context}'s trace: its record gets that trace's headers. */
    public static <T> Message<T> within(Message<T> message, Context context) {
        return message.addMetadata(TracingMetadata.withCurrent(context));
    }

    /** The trace id of the current span, if there is one (the answer to a push names it). */
    public static Optional<String> currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }
}
