package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsflow.localservers.InMemoryChannels;
import io.newsflow.localservers.RealServersResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Metrics closed as the compose deployment closes them, with this service's operator key configured (the tests' key,
 * application.properties): the key opens them, as the observability profile's Prometheus uses it. The real service,
 * its channel in memory, no broker, the embedded MongoDB-wire server; the same edge (newsflow-http-edge) serves all three services.
 */
@QuarkusTest
@TestProfile(ClosedMetricsTest.AsDeployed.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class ClosedMetricsTest {

    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(InMemoryChannels.of("outgoing.articles-ingested"));
            config.put("newsflow.http.public-metrics", "false");
            return config;
        }
    }

    @Test
    void theOperatorKeyOpensClosedMetricsAndNoOtherKeyDoes() {
        given().auth().oauth2(PushWithoutBrokerTest.OPERATOR_KEY).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().auth().oauth2(PushWithoutBrokerTest.KEY).get("/q/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/q/metrics").then().statusCode(404);
    }
}
