package io.newsflow.enrich;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsflow.localservers.InMemoryChannels;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTTP edge's settings as the compose deployment sets them: metrics and the API documents closed, health open.
 * The real service, channels in memory, no broker; the same edge (newsflow-http-edge) serves all three services.
 */
@QuarkusTest
@TestProfile(ClosedOperatorEndpointsTest.AsDeployed.class)
class ClosedOperatorEndpointsTest {

    static final String KEY = "operator-key-of-the-scraper";

    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(InMemoryChannels.of("incoming.articles-ingested",
                    "outgoing.articles-enriched", "outgoing.articles-enriched-routes"));
            config.put("newsflow.http.public-metrics", "false");
            config.put("newsflow.http.public-api-docs", "false");
            config.put("newsflow.enrich.operator-key", KEY);
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
    void opensClosedMetricsToTheOperatorKeySoThatAScraperInsideTheDeploymentReadsThem() {
        given().auth().oauth2(KEY).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().auth().oauth2("not-" + KEY).get("/q/metrics").then().statusCode(404);
    }
}
