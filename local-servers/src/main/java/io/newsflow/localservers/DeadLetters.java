package io.newsflow.localservers;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics as an operator sees them ({@code ./newsflow dlq}): each dead letter with the reason and the
 * topic, partition and offset it came from (the headers SmallRye's dead-letter handler writes), and, after a fix,
 * every dead letter sent again to the topic it came from, with its key, value and headers.
 *
 * <p>
 * Re-queuing reads a dead-letter topic in the consumer group {@value #REQUEUE_GROUP} and commits what it sent, so a
 * dead letter is re-queued once, however often the command runs; the consumers of Newsflow's topics are idempotent
 * (docs/adr/0002), so even a dead letter sent twice changes nothing twice.
 *
 * <pre>
 * DeadLetters &lt;bootstrap servers&gt; list [topic...]
 * DeadLetters &lt;bootstrap servers&gt; requeue &lt;dead-letter topic&gt;
 * </pre>
 */
public final class DeadLetters {

    private static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate");
    private static final Pattern DLQ_NAME = Pattern.compile("(.+)\\.[^.]+\\.dlq");

    /** The dead-letter topics of Newsflow's consumers. */
    public static final List<String> TOPICS = List.of("articles-ingested.enrich-service.dlq",
            "articles-enriched.publish-service.dlq");
    static final String REQUEUE_GROUP = "newsflow-dlq-requeue";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /** One dead letter and where it came from. */
    public record DeadLetter(String topic, int partition, long offset, Instant at, String key, String from,
            Integer fromPartition, Long fromOffset, String reason) {
    }

    private final String bootstrapServers;

    public DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every dead letter on {@code topic}, oldest first per partition; whether re-queued or not. */
    public List<DeadLetter> list(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        readAll(topic, "newsflow-dlq-list-" + System.nanoTime(), false, record -> letters.add(letter(record)));
        return letters;
    }

    /**
     * Sends each dead letter of {@code topic} not re-queued before to the topic it came from, and commits it as
     * re-queued once the broker acknowledged it.
     *
     * @return how many were sent
     */
    public int requeue(String topic) {
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        readAll(topic, REQUEUE_GROUP, true, pending::add);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> record : pending) {
                String from = origin(topic, record).orElseThrow(() -> new IllegalStateException(topic + " "
                        + record.partition() + ":" + record.offset()
                        + " has no dead-letter-topic header and its topic is not named <topic>.<service>.dlq"));
                ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(from, null, record.key(), record.value());
                for (Header h : record.headers()) {
                    // Its history stays readable; the new dead-letter headers of a second failure come after.
                    again.headers().add("requeued-" + h.key(), h.value());
                    if (TRACE_HEADERS.contains(h.key())) {
                        // The article's trace goes on (docs/adr/0012): the requeued record is the same article.
                        again.headers().add(h.key(), h.value());
                    }
                }
                producer.send(again).get(30, TimeUnit.SECONDS);
                done.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Re-queuing " + topic + " stopped: " + e.getMessage(), e);
        } finally {
            commit(done);
        }
        return pending.size();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.alterConsumerGroupOffsets(REQUEUE_GROUP, done).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot record what was re-queued", e);
        }
    }

    /** Reads the topic from the group's committed offsets (or the beginning) to its current end. */
    private void readAll(String topic, String group, boolean fromCommitted,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Asking about a dead-letter topic that was never written must not create it.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicReads.toEnd(consumer, topic, fromCommitted, READ_TIMEOUT, each);
        }
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        String partition = header(record, "dead-letter-partition");
        String offset = header(record, "dead-letter-offset");
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                origin(record.topic(), record).orElse(null), partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset), header(record, "dead-letter-reason"));
    }

    /**
     * The topic a dead letter came from: its {@code dead-letter-topic} header (SmallRye always writes it), else the
     * dead-letter topic's own name, {@code <topic>.<service>.dlq} by Newsflow's convention.
     */
    static Optional<String> origin(String deadLetterTopic, ConsumerRecord<byte[], byte[]> record) {
        String from = header(record, "dead-letter-topic");
        if (from != null) {
            return Optional.of(from);
        }
        Matcher named = DLQ_NAME.matcher(deadLetterTopic);
        return named.matches() ? Optional.of(named.group(1)) : Optional.empty();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        if (args.length < 2 || !Set.of("list", "requeue").contains(args[1])
                || args[1].equals("requeue") && args.length != 3) {
            System.err.println("usage: DeadLetters <bootstrap servers> list [topic...] | requeue <dead-letter topic>");
            System.exit(2);
        }
        DeadLetters letters = new DeadLetters(args[0]);
        PrintStream out = System.out;
        if (args[1].equals("requeue")) {
            out.printf("%d dead letters of %s sent again to the topic each came from%n", letters.requeue(args[2]),
                    args[2]);
            return;
        }
        List<String> topics = args.length > 2 ? List.of(args).subList(2, args.length) : TOPICS;
        for (String topic : topics) {
            List<DeadLetter> found = letters.list(topic);
            out.printf("%s: %d dead letters%n", topic, found.size());
            for (DeadLetter d : found) {
                out.printf("  %s  %d:%d  key %s  from %s %s:%s  %s%n", d.at(), d.partition(), d.offset(), d.key(),
                        d.from(), d.fromPartition(), d.fromOffset(), abbreviated(d.reason()));
            }
        }
    }

    private static String abbreviated(String reason) {
        String line = reason == null ? "(no reason recorded)" : reason.lines().collect(Collectors.joining(" "));
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
