package io.newsflow.localservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker (KRaft, single node) in a child JVM, built from the jars of the {@code newsflow-kafka-broker}
 * module. The child watches this JVM's pid and stops with it, so a killed test run leaves nothing behind.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String BROKER_MAIN = "io.newsflow.kafkabroker.BrokerMain";
    private static final String CLASSPATH_RESOURCE = "io/newsflow/kafkabroker/broker.classpath";

    private final Process process;
    private final int port;
    private final Path log;

    private KafkaBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a broker on free ports with its data in {@code dir}, and waits until it answers. */
    public static KafkaBroker start(Path dir, Duration timeout) {
        return start(dir, freePort(), freePort(), timeout);
    }

    public static KafkaBroker start(Path dir, int port, int controllerPort, Duration timeout) {
        return start(dir, port, controllerPort, List.of(), timeout);
    }

    /** @param clusterOptions options of one node of a cluster ({@code --node-id}, {@code --voters}, ...: BrokerMain) */
    public static KafkaBroker start(Path dir, int port, int controllerPort, List<String> clusterOptions,
            Duration timeout) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("broker.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                    brokerClasspath(), BROKER_MAIN, "--port", String.valueOf(port), "--controller-port",
                    String.valueOf(controllerPort), "--dir", dir.toAbsolutePath().toString(),
                    "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
            command.addAll(clusterOptions);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            KafkaBroker broker = new KafkaBroker(process, port, log);
            broker.awaitReady(timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Kafka broker in " + dir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited with " + process.exitValue() + "; see " + log);
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The Kafka broker did not answer within " + timeout + "; see " + log, last);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The broker module's own classes or jar, then the jars it listed at build time. */
    static String brokerClasspath() {
        URL resource = KafkaBroker.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the kafka-broker module first");
        }
        try (InputStream in = resource.openStream()) {
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return codeLocation(resource) + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String codeLocation(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
            }
            Path file = Path.of(resource.toURI());
            // Walk up from io/newsflow/kafkabroker/broker.classpath to the classes directory.
            return file.getParent().getParent().getParent().getParent().toString();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the kafka-broker module from " + resource, e);
        }
    }

    /** A port nothing listens on now, for a server of the tests'. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a broker in the foreground until this JVM is stopped; used by {@code ./newsflow up}. Arguments: the port,
     * the data directory, then, for one node of a cluster, BrokerMain's options ({@code --node-id 2 --voters ...}).
     * The controller listens 1000 above the port.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path dir = Path.of(args.length > 1 ? args[1] : ".newsflow/kafka");
        List<String> clusterOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        // A node of a cluster answers only once a majority of the controllers runs: its peers start meanwhile.
        KafkaBroker broker = start(dir, port, port + 1000, clusterOptions, Duration.ofSeconds(180));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (log: " + broker.log() + ")");
        broker.process.waitFor();
    }
}
