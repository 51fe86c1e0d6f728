package io.newsflow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kubernetes manifests that Quarkus generated when each service was packaged (an IT, since they exist only after
 * {@code package}), read as kubectl would: each service a Deployment with probes on its health checks, resources,
 * its port, and Kafka, MongoDB and the key from the cluster's ConfigMap and Secret; and a Service. No cluster.
 */
class KubernetesManifestsIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<JsonNode> manifests(String service) throws IOException {
        Path file = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.isRegularFile(file), file + " was not generated");
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            documents.add(new ObjectMapper().valueToTree(document));
        }
        return documents;
    }

    static JsonNode ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + documents));
    }

    @ParameterizedTest
    @CsvSource({"ingest-service, 8081", "enrich-service, 8082", "publish-service, 8083"})
    void eachServiceIsADeploymentWithProbesResourcesAndExternalEndpoints(String service, int port)
            throws IOException {
        List<JsonNode> documents = manifests(service);
        JsonNode deployment = ofKind(documents, "Deployment");
        assertEquals(service, deployment.path("metadata").path("name").asText());
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertTrue(container.path("image").asText().contains("newsflow/" + service + ":"), container.toString());

        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertFalse(container.path("resources").path("requests").path("cpu").isMissingNode(), container.toString());
        assertFalse(container.path("resources").path("requests").path("memory").isMissingNode());
        assertFalse(container.path("resources").path("limits").path("memory").isMissingNode());
        assertTrue(container.path("ports").toString().contains("\"containerPort\":" + port), container.toString());

        String envFrom = container.path("envFrom").toString();
        assertTrue(envFrom.contains("\"configMapRef\":{\"name\":\"newsflow-endpoints\""), envFrom);
        assertTrue(envFrom.contains("\"secretRef\":{\"name\":\"newsflow-keys\""), envFrom);

        JsonNode serviceObject = ofKind(documents, "Service");
        assertEquals(service, serviceObject.path("metadata").path("name").asText());
        assertTrue(serviceObject.path("spec").path("ports").toString().contains("\"targetPort\":" + port),
                serviceObject.toString());
    }

    @ParameterizedTest
    @CsvSource({"ingest-service", "enrich-service", "publish-service"})
    void theExampleEndpointsGiveEveryVariableTheServicesRead(String service) throws IOException {
        List<JsonNode> examples = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(ROOT.resolve("deploy/kubernetes/endpoints.yml")))) {
            examples.add(new ObjectMapper().valueToTree(document));
        }
        JsonNode config = ofKind(examples, "ConfigMap").path("data");
        for (String variable : List.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "MONGODB_DATABASE")) {
            assertFalse(config.path(variable).asText().isBlank(), variable);
            assertTrue(Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))
                    .contains("${" + variable) || variable.startsWith("MONGODB") && service.equals("enrich-service"),
                    service + " does not read " + variable);
        }
        assertFalse(ofKind(examples, "Secret").path("stringData").path("NEWSFLOW_API_KEY").asText().isBlank());
    }
}
