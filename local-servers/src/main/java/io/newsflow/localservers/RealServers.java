package io.newsflow.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB server that tests run against, started once per JVM and shared by every test class.
 * Where Docker runs, these are Testcontainers' Kafka and the official MongoDB image; elsewhere a real broker in a
 * child JVM and mongo-java-server. {@code -Dnewsflow.test.servers=local|docker} (or env
 * {@code NEWSFLOW_TEST_SERVERS}) overrides the automatic choice.
 */
public final class RealServers {

    private static final Logger LOG = Logger.getLogger(RealServers.class.getName());
    /** The images docker-compose.yml runs, so tests and deployments meet the same servers. */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private static String kafkaBootstrap;
    private static String mongoUri;
    private static String kind;

    private RealServers() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            if (useDocker()) {
                KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            } else {
                KafkaBroker broker = KafkaBroker.start(tempDir("newsflow-kafka"), Duration.ofSeconds(90));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
                kafkaBootstrap = broker.bootstrapServers();
            }
            LOG.info(() -> "Tests use Kafka at " + kafkaBootstrap + " (" + kind() + ")");
        }
        return kafkaBootstrap;
    }

    public static synchronized String mongoConnectionString() {
        if (mongoUri == null) {
            if (useDocker()) {
                MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
                mongo.start();
                mongoUri = mongo.getConnectionString();
            } else {
                MongoWireServer server = MongoWireServer.inMemory();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-wire-stop"));
                mongoUri = server.connectionString();
            }
            LOG.info(() -> "Tests use MongoDB at " + mongoUri + " (" + kind() + ")");
        }
        return mongoUri;
    }

    /** "docker" or "local", as chosen for this JVM. */
    public static synchronized String kind() {
        if (kind == null) {
            String chosen = System.getProperty("newsflow.test.servers",
                    System.getenv().getOrDefault("NEWSFLOW_TEST_SERVERS", "auto"));
            kind = switch (chosen) {
                case "docker", "local" -> chosen;
                default -> dockerAvailable() ? "docker" : "local";
            };
            if (kind.equals("local")) {
                LOG.warning("No Docker: tests run against a local Kafka broker (child JVM) and mongo-java-server "
                        + "instead of Testcontainers (see docs/adr/0003)");
            }
        }
        return kind;
    }

    private static boolean useDocker() {
        return kind().equals("docker");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
