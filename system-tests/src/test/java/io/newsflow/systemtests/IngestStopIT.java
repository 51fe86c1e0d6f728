package io.newsflow.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.TopicProbe;

/**
 * ingest-service as its own process, over the real Kafka broker and MongoDB-wire server, stopped with SIGTERM (as
 * {@code ./newsflow down}, Docker and Kubernetes stop it) while concurrent single pushes are being decided in groups
 * (docs/adr/0013). Whatever the moment of the stop, each push gets an answer that can be trusted: accepted (and then
 * its event is on {@code articles-ingested}), or 503 (retry), or no answer at all once the server has closed; never
 * a 500 from a group cut short. (Measured here: the pushes in flight at the stop, one per client, get no answer: the
 * HTTP server closes their connections, and the client retries.)
 */
class IngestStopIT {

    static final Path ROOT = SampleArticleEndToEndIT.ROOT;
    static final String API_KEY = UUID.randomUUID().toString();

    @Test
    void singlePushesInFlightWhenTheServiceStopsAreAnsweredAcceptedOrRetryAndNoAcceptedOneIsLost() throws Exception {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", RealServers.kafkaBootstrapServers(),
                "MONGODB_URI", RealServers.mongoConnectionString(),
                "MONGODB_DATABASE", "stop" + UUID.randomUUID().toString().substring(0, 8),
                "NEWSFLOW_API_KEY", API_KEY);
        ServiceProcess ingest = ServiceProcess.start(ROOT, "ingest-service", env,
                ROOT.resolve("system-tests/target/stop-logs"));
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Map<String, String> acceptedIds = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger withoutAnswer = new java.util.concurrent.atomic.AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        int clients = 16;
        int pushesEach = 40;
        ExecutorService pushers = Executors.newFixedThreadPool(clients);
        try {
            ingest.awaitReady(Duration.ofSeconds(120));
            String run = UUID.randomUUID().toString();
            CountDownLatch someAccepted = new CountDownLatch(clients * 2);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pushers.submit(() -> {
                    for (int i = 0; i < pushesEach; i++) {
                        String title = "Stop " + run + " " + client + "-" + i;
                        String article = "{\"title\":\"" + title + "\",\"text\":\"An article pushed while the service "
                                + "stops, number " + client + "-" + i + " of run " + run
                                + ".\",\"source\":\"test\",\"language\":\"en\"}";
                        try {
                            HttpResponse<String> answer = ingest.post("/articles", API_KEY, "application/json",
                                    article);
                            answers.put(title, answer.statusCode());
                            if (answer.statusCode() / 100 == 2) {
                                acceptedIds.put(title, EventJson.tree(answer.body()).get("id").asText());
                                someAccepted.countDown();
                            } else if (answer.statusCode() != 503
                                    || !answer.headers().firstValue("Content-Type").orElse("")
                                            .startsWith("application/problem+json")) {
                                synchronized (unexpected) {
                                    unexpected.add(answer.statusCode() + " " + answer.body());
                                }
                            }
                        } catch (IOException e) {
                            // The server closed: no answer, which a client retries; nothing to check.
                            withoutAnswer.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                }));
            }
            // Stop it once pushes are being decided, with more of them on their way.
            assertTrue(someAccepted.await(60, TimeUnit.SECONDS), "pushes were accepted before the stop");
            ingest.close();
            for (Future<?> pusher : done) {
                pusher.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pushers.shutdownNow();
            ingest.close();
        }

        System.out.printf("IngestStopIT: %d pushes answered %s, %d without an answer, the rest not sent%n",
                answers.size(), answers.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())),
                withoutAnswer.get());
        assertEquals(List.of(), unexpected, "every answer is accepted or a 503 problem");
        assertTrue(acceptedIds.size() < clients * pushesEach, "the stop came while pushes were still coming");
        Set<String> onTheTopic = new TopicProbe(RealServers.kafkaBootstrapServers()).readAll(Topics.ARTICLES_INGESTED)
                .stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        Set<String> lost = acceptedIds.values().stream().filter(id -> !onTheTopic.contains(id))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), lost, "every accepted push's event is on " + Topics.ARTICLES_INGESTED + " ("
                + acceptedIds.size() + " accepted, answers " + answers.values().stream()
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting()))
                + ")");
    }
}
