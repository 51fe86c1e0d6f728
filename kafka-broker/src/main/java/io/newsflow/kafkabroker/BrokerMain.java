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
 *
 * <p>One node of a cluster with, in addition, {@code --node-id 2 --voters 1@127.0.0.1:10092,2@127.0.0.1:10093,...}
 * (every node of the cluster, each a broker and a controller), {@code --replication 3} (replication factor of every
 * topic, with {@code min.insync.replicas} one less, so that one broker may be down while producers with
 * {@code acks=all} go on) and {@code --partitions 12} (partitions of the topics the brokers create).
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
        int nodeId = Integer.parseInt(options.getOrDefault("node-id", "1"));
        String voters = options.getOrDefault("voters", nodeId + "@127.0.0.1:" + controllerPort);
        int replication = Integer.parseInt(options.getOrDefault("replication", "1"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        Files.writeString(config,
                serverProperties(new Node(nodeId, port, controllerPort, voters, replication, partitions),
                        dir.resolve("data")),
                StandardCharsets.UTF_8);
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

    /** One node: its id and ports, the whole quorum, and the topic defaults of the cluster. */
    record Node(int id, int port, int controllerPort, String voters, int replication, int partitions) {
    }

    static String serverProperties(Node node, Path dataDir) {
        // With replicas, one may be away: writes with acks=all need all but one of them in sync.
        int minInSync = Math.max(1, node.replication() - 1);
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + node.voters(),
                "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toString().replace('\\', '/'),
                "num.partitions=" + node.partitions(),
                "default.replication.factor=" + node.replication(),
                "min.insync.replicas=" + minInSync,
                "auto.create.topics.enable=true",
                // Internal topics with the same factor: a single node cannot replicate, so 1 there.
                "offsets.topic.replication.factor=" + node.replication(),
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=" + node.replication(),
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + node.replication(),
                "share.coordinator.state.topic.min.isr=" + minInSync,
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
