package io.newsflow.enrich;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsflow.fixtures.ServedContract;
import io.newsflow.localservers.InMemoryChannels;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The HTTP API of the real service, started without a broker: every channel is SmallRye's in-memory connector.
 * Fast tier; the Kafka path is {@code EnrichmentPipelineIT}'s.
 */
@QuarkusTest
@TestProfile(EnrichResourceTest.WithoutBroker.class)
class EnrichResourceTest {

    public static class WithoutBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return InMemoryChannels.of("incoming.articles-ingested", "outgoing.articles-enriched",
                    "outgoing.articles-enriched-routes");
        }
    }

    static final String KEY = "test-operator-key";

    @Test
    void enrichesATextOnDemand() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body("{\"title\":\"Le Maroc et Israël renforcent leur coopération militaire\","
                        + "\"text\":\"Les Forces Armées Royales (FAR) et l'armée israélienne ont tenu à Rabat une "
                        + "réunion du comité de suivi de leur coopération militaire. Les FAR ont présenté leurs "
                        + "besoins.\",\"tags\":[\"Défense\"]}")
                .post("/enrich").then()
                .statusCode(200)
                .body("language", equalTo("fr"))
                .body("keywords[0].text", equalTo("Défense"))
                .body("entities.name", hasItem("Forces Armées Royales"));
    }

    @Test
    void answersTheContractsProblemShapeForAMissingText() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"title\":\"x\"}").post("/enrich").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", containsString("text"));
    }

    @Test
    void answersAnUnsupportedMediaTypeAsAProblemToo() {
        given().auth().oauth2(KEY).contentType(ContentType.TEXT).body("x").post("/enrich").then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("title", equalTo("Unsupported Media Type"));
    }

    @Test
    void describesTheEnrichmentInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("components.schemas.Enrichment.properties.keywords.type", equalTo("array"));
    }

    @Test
    void answersJsonOfTheWrongTypesAsAProblem() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body("{\"title\": 5, \"text\": [\"x\"], \"tags\": \"one\"}")
                .post("/enrich").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"));
    }

    @Test
    void refusesToEnrichForARequestWithoutTheOperatorKey() {
        given().contentType(ContentType.JSON).body("{\"title\":\"x\",\"text\":\"Un texte.\"}").post("/enrich")
                .then()
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"newsflow\"");
        given().auth().oauth2("not-the-key").contentType(ContentType.JSON)
                .body("{\"title\":\"x\",\"text\":\"Un texte.\"}")
                .post("/enrich").then().statusCode(401);
    }

    @Test
    void answersABodyDeclaredOverTheLimitAsAProblemWithoutReadingIt() {
        // The limit is 4 MiB (quarkus.http.limits.max-body-size); the declared length alone is refused, even
        // before authentication, and the connection is closed rather than the body read.
        byte[] body = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).post("/enrich").then()
                .statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Content Too Large")).body("detail", containsString("4194304"));
    }

    @TestHTTPResource("/enrich")
    URI enrichUri;

    /** A POST whose body goes in chunks, without Content-Length, as a streaming client sends it. */
    java.net.http.HttpResponse<String> postInChunks(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(enrichUri).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsABodySentWithoutALengthUpToTheLimitAndAnswersAProblemPastIt() throws Exception {
        byte[] small = "{\"title\":\"Le port\",\"text\":\"Le port de Tanger accueille trois cargos venus d'Espagne.\"}"
                .getBytes(StandardCharsets.UTF_8);
        var accepted = postInChunks(small);
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("\"language\":\"fr\""), accepted.body());

        byte[] large = new byte[4 * 1024 * 1024 + 10];
        Arrays.fill(large, (byte) ' ');
        var refused = postInChunks(large);
        assertEquals(413, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertTrue(refused.body().contains("without a length"), refused.body());
    }

    @Test
    void answersAnOverlongRequestTargetAsAProblem() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{}")
                .post("/enrich?padding=" + "a".repeat(20_000)).then()
                .statusCode(414).contentType("application/problem+json").body("title", equalTo("URI Too Long"));
    }

    @Test
    void servesTheContractOfWhatItProducesByteForByteAsTheContractModuleHasIt() {
        ServedContract.assertServed(path -> given().get(path).then().statusCode(200).extract().asByteArray(),
                "articles-enriched", "article-enriched.v2.schema.json");
        given().get("/asyncapi.yaml").then().contentType("application/yaml");
        given().get("/schemas/articles-enriched.json").then().contentType("application/schema+json");
        given().get("/schemas/articles-ingested.json").then().statusCode(404);
    }
}
