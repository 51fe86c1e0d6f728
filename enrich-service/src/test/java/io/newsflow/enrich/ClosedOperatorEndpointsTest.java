package io.newsflow.enrich;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsflow.localservers.InMemoryChannels;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTTP edge's settings as the compose deployment sets them: metrics and the API documents closed, health open;
 * here without an operator key (ingest-service's ClosedMetricsTest opens them with one).
 * The real service, channels in memory, no broker; the same edge (newsflow-http-edge) serves all three services.
 */
@QuarkusTest
@TestProfile(ClosedOperatorEndpointsTest.AsDeployed.class)
class ClosedOperatorEndpointsTest {

    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(InMemoryChannels.of("incoming.articles-ingested",
                    "outgoing.articles-enriched", "outgoing.articles-enriched-routes"));
            config.put("newsflow.http.public-metrics", "false");
            config.put("newsflow.http.public-api-docs", "false");
            // No operator key: this service's own policy is then open (a local trial of POST /enrich), which must
            // not open what the deployment closed.
            config.put("newsflow.enrich.operator-key", "");
            return config;
        }
    }

    @Test
    void answersMetricsAndApiDocumentsAsAbsentButKeepsHealthOpen() {
        for (String path : new String[] {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/swagger-ui/index.html"}) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("title", equalTo("Not Found"));
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void noBearerOpensClosedMetricsOrApiDocumentsWhenNoOperatorKeyIsConfigured() {
        for (String key : new String[] {"", " ", "anything"}) {
            given().header("Authorization", "Bearer " + key).get("/q/metrics").then().statusCode(404);
            given().header("Authorization", "Bearer " + key).get("/q/openapi").then().statusCode(404);
        }
    }
}
