package io.newsflow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.contract.Topics;

/**
 * The deployment files as a deployer's tools read them, without Docker: the compose files parsed as YAML (anchors
 * and merge keys resolved, as compose resolves them) and checked for what Newsflow relies on. No server.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> TOPICS = List.of(Topics.ARTICLES_INGESTED, Topics.ARTICLES_ENRICHED,
            Topics.ENRICH_DEAD_LETTER, Topics.PUBLISH_DEAD_LETTER);
    static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "publish-service");

    static JsonNode compose(String file) throws IOException {
        return yaml(file).path("services");
    }

    static String kafkaInit(JsonNode services) {
        StringBuilder script = new StringBuilder();
        services.path("kafka-init").path("entrypoint").forEach(part -> script.append(part.asText()).append('\n'));
        return script.toString();
    }

    @Test
    void theSingleNodeComposeCreatesEveryTopicOfTheContract() throws IOException {
        String init = kafkaInit(compose("docker-compose.yml"));
        for (String topic : TOPICS) {
            assertTrue(init.contains("--topic " + topic + " "), topic + " is not created: " + init);
        }
    }

    @Test
    void theClusterRunsThreeBrokersThatAreEachOthersVotersAndReplicatesEveryTopicThreeTimes() throws IOException {
        JsonNode services = compose("docker-compose.cluster.yml");
        Set<String> ids = new HashSet<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = services.path(broker).path("environment");
            ids.add(env.path("KAFKA_NODE_ID").asText());
            String voters = env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText();
            for (String other : List.of("1@kafka-1:", "2@kafka-2:", "3@kafka-3:")) {
                assertTrue(voters.contains(other), broker + " votes without " + other + ": " + voters);
            }
            assertEquals("3", env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asText(), broker);
            assertEquals("2", env.path("KAFKA_MIN_INSYNC_REPLICAS").asText(), broker);
            assertEquals("INTERNAL://" + broker + ":29092", env.path("KAFKA_ADVERTISED_LISTENERS").asText());
            assertTrue(services.path(broker).path("ports").isMissingNode(), broker + " is published on the host");
        }
        assertEquals(Set.of("1", "2", "3"), ids);
        String init = kafkaInit(services);
        for (String topic : TOPICS) {
            assertTrue(init.contains(topic), topic + " is not created: " + init);
        }
        assertTrue(init.contains("--partitions 12 --replication-factor 3 --config min.insync.replicas=2"), init);
    }

    @Test
    void theClusterStartsServicesOnlyOnAnInitiatedReplicaSetAndLetsThemScale() throws IOException {
        JsonNode services = compose("docker-compose.cluster.yml");
        List<String> members = new ArrayList<>();
        services.path("mongodb-init").path("depends_on").fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("mongodb-1", "mongodb-2", "mongodb-3"), members);
        for (String member : members) {
            assertEquals("service_healthy",
                    services.path("mongodb-init").path("depends_on").path(member).path("condition").asText());
            assertTrue(services.path(member).path("command").toString().contains("rs0"), member);
        }
        for (String service : SERVICES) {
            JsonNode s = services.path(service);
            assertTrue(s.path("ports").isMissingNode(), service + " has a fixed host port, so it cannot scale");
            assertEquals("service_completed_successfully",
                    s.path("depends_on").path("mongodb-init").path("condition").asText(), service);
            assertEquals("service_completed_successfully",
                    s.path("depends_on").path("kafka-init").path("condition").asText(), service);
            String mongo = s.path("environment").path("MONGODB_URI").asText();
            assertTrue(mongo.contains("replicaSet=rs0") && mongo.contains("w=majority"), mongo);
            assertEquals("kafka-1:29092,kafka-2:29092,kafka-3:29092",
                    s.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText());
            assertFalse(s.path("healthcheck").isMissingNode(), service + " has no health check");
        }
    }

    @Test
    void theProxyServesEachServicePortFromEveryInstanceOfThatService() throws IOException {
        JsonNode proxy = compose("docker-compose.cluster.yml").path("proxy");
        String caddyfile = Files.readString(ROOT.resolve("deploy/cluster/Caddyfile"));
        assertTrue(proxy.path("volumes").toString().contains("./deploy/cluster/Caddyfile:/etc/caddy/Caddyfile"));
        int port = 8081;
        for (String service : SERVICES) {
            assertTrue(proxy.path("ports").toString().contains(port + ":" + port), "proxy does not publish " + port);
            int site = caddyfile.indexOf(":" + port + " {");
            assertTrue(site >= 0, "no site for " + port);
            assertTrue(caddyfile.substring(site).contains("dynamic a " + service + " " + port),
                    port + " is not spread over the instances of " + service);
            port++;
        }
    }

    @Test
    void everyComposeFileBuildsEachServiceFromTheSourcesWithEveryModulePom() throws IOException {
        for (String file : List.of("docker-compose.yml", "docker-compose.cluster.yml")) {
            JsonNode services = compose(file);
            for (String service : SERVICES) {
                JsonNode build = services.path(service).path("build");
                assertEquals(".", build.path("context").asText(), file + " " + service);
                assertEquals("deploy/docker/Dockerfile.service", build.path("dockerfile").asText(),
                        file + " " + service);
                assertEquals(service, build.path("args").path("SERVICE").asText(), file + " " + service);
            }
        }
        // The dependency layer is built from every pom of the reactor: a module left out fails the image build.
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile.service"));
        java.util.regex.Matcher modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        int count = 0;
        while (modules.find()) {
            String module = modules.group(1);
            assertTrue(dockerfile.contains("COPY " + module + "/pom.xml " + module + "/"), module + " pom not copied");
            count++;
        }
        assertTrue(count >= 10, "modules read from the root pom: " + count);
        String ignored = Files.readString(ROOT.resolve(".dockerignore"));
        for (String pattern : List.of("**/target/", ".git/", ".newsflow/")) {
            assertTrue(ignored.lines().anyMatch(pattern::equals), pattern + " is sent to the Docker build");
        }
    }

    static JsonNode yaml(String file) throws IOException {
        return new ObjectMapper().valueToTree(new Yaml().load(Files.readString(ROOT.resolve(file))));
    }

    @Test
    void theObservabilityProfileScrapesEveryServiceWithTheOperatorKeyThatPrometheusIsGiven() throws IOException {
        JsonNode services = compose("docker-compose.yml");
        JsonNode prometheus = services.path("prometheus");
        assertEquals("observability", prometheus.path("profiles").get(0).asText());
        StringBuilder entrypoint = new StringBuilder();
        prometheus.path("entrypoint").forEach(part -> entrypoint.append(part.asText()).append('\n'));
        JsonNode scrape = yaml("deploy/observability/prometheus.yml").path("scrape_configs");
        Set<String> scraped = new HashSet<>();
        for (JsonNode job : scrape) {
            assertEquals("/q/metrics", job.path("metrics_path").asText());
            String keyFile = job.path("authorization").path("credentials_file").asText();
            assertTrue(entrypoint.toString().contains("> " + keyFile), keyFile + " is not written: " + entrypoint);
            scraped.add(job.path("static_configs").get(0).path("targets").get(0).asText());
        }
        for (String service : SERVICES) {
            JsonNode env = services.path(service).path("environment");
            assertEquals("false", env.path("NEWSFLOW_HTTP_PUBLIC_METRICS").asText(), service);
            String port = env.path("QUARKUS_HTTP_PORT").asText();
            assertTrue(scraped.contains(service + ":" + port), service + ":" + port + " is not scraped: " + scraped);
        }
        assertEquals(prometheus.path("environment").path("NEWSFLOW_API_KEY").asText(),
                services.path("ingest-service").path("environment").path("NEWSFLOW_API_KEY").asText());
    }

    @Test
    void grafanaLoadsTheDashboardOverTheProvisionedPrometheus() throws IOException {
        JsonNode grafana = compose("docker-compose.yml").path("grafana");
        List<String> volumes = new ArrayList<>();
        grafana.path("volumes").forEach(v -> volumes.add(v.asText()));
        JsonNode provider = yaml("deploy/observability/grafana/provisioning/dashboards/newsflow.yml")
                .path("providers").get(0);
        String dashboards = provider.path("options").path("path").asText();
        assertTrue(volumes.contains("./deploy/observability/grafana/dashboards:" + dashboards + ":ro"), volumes
                .toString());
        assertTrue(volumes.contains("./deploy/observability/grafana/provisioning:/etc/grafana/provisioning:ro"),
                volumes.toString());
        JsonNode sources = yaml("deploy/observability/grafana/provisioning/datasources/prometheus.yml")
                .path("datasources");
        String uid = sources.get(0).path("uid").asText();
        assertEquals("prometheus", sources.get(0).path("type").asText());
        // Exemplars lead to the trace viewer of the tracing profile.
        assertEquals(sources.get(1).path("uid").asText(), sources.get(0).path("jsonData")
                .path("exemplarTraceIdDestinations").get(0).path("datasourceUid").asText());
        assertEquals("http://jaeger:16686", sources.get(1).path("url").asText());
        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("deploy/observability/grafana/dashboards/newsflow.json").toFile());
        assertFalse(dashboard.path("panels").isEmpty());
        for (JsonNode panel : dashboard.path("panels")) {
            assertEquals(uid, panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            panel.path("targets").forEach(t -> assertFalse(t.path("expr").asText().isBlank()));
        }
    }

    @Test
    void eachServiceCanBePointedAtTheTracingProfilesCollectorWhichPassesSpansToTheViewer() throws IOException {
        JsonNode services = compose("docker-compose.yml");
        JsonNode collector = yaml("deploy/observability/otel-collector.yaml");
        assertTrue(collector.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText()
                .endsWith(":4317"));
        assertEquals("jaeger:4317", collector.path("exporters").path("otlp/jaeger").path("endpoint").asText());
        assertEquals("tracing", services.path("otel-collector").path("profiles").get(0).asText());
        assertEquals("tracing", services.path("jaeger").path("profiles").get(0).asText());
        for (String service : SERVICES) {
            assertEquals("${NEWSFLOW_OTLP_ENDPOINT:-}", services.path(service).path("environment")
                    .path("NEWSFLOW_OTLP_ENDPOINT").asText(), service + " cannot be pointed at the collector");
        }
    }
}
