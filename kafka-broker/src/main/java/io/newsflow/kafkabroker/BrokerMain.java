package io.newsflow.kafkabroker;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one real Kafka broker in KRaft combined mode (broker and controller in this JVM), formatting its log
 * directory on first start so that data survives restarts.
 *
 * <p>Arguments: {@code --port 9092 --controller-port 9093 --dir .newsflow/kafka [--parent-pid N]}. With a parent pid
 * the broker stops when that process ends, so a killed test JVM never leaves an orphan broker behind.
 */
public final class BrokerMain {

    // Fixed so that a data directory formatted once can be reused by later starts.
    private static final String CLUSTER_ID = "bmV3c2Zsb3ctbG9jYWwxMQ";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1)));
        Path dir = Path.of(options.getOrDefault("dir", ".newsflow/kafka")).toAbsolutePath();
        Files.createDirectories(dir);

        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(port, controllerPort, dir.resolve("data")), StandardCharsets.UTF_8);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            kafka.tools.StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(),
                    "--ignore-formatted"}, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        }

        String parent = options.get("parent-pid");
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static String serverProperties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toString().replace('\\', '/'),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                // A single node cannot replicate: every internal topic needs a factor of 1.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

}
