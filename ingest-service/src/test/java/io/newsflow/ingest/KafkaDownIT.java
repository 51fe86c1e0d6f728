package io.newsflow.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newsflow.localservers.KafkaBroker;
import io.newsflow.localservers.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The whole service with a real MongoDB-wire server and a Kafka address where no broker answers, as during a broker
 * outage; nothing is faked.
 */
@QuarkusTest
@TestProfile(KafkaDownIT.BrokerDown.class)
class KafkaDownIT {

    public static class BrokerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + KafkaBroker.freePort());
            config.put("quarkus.mongodb.connection-string", RealServers.mongoConnectionString());
            // The production timeouts, scaled down: the producer gives up before the request does.
            config.put("mp.messaging.outgoing.articles-ingested.max.block.ms", "1000");
            config.put("mp.messaging.outgoing.articles-ingested.request.timeout.ms", "1000");
            config.put("mp.messaging.outgoing.articles-ingested.delivery.timeout.ms", "1500");
            config.put("newsflow.ingest.publish-timeout", "PT3S");
            return config;
        }
    }

    @Test
    void answers503AndAcceptsNothingWhileKafkaIsDown() {
        String article = "{\"title\":\"Pendant la panne " + UUID.randomUUID()
                + "\",\"text\":\"Texte.\",\"source\":\"test\"}";

        for (int attempt = 0; attempt < 2; attempt++) {
            // The second push is refused just the same: the first one was not recorded as accepted.
            given().auth().oauth2("test-publisher-key").contentType(ContentType.JSON).body(article).post("/articles")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503));
        }
    }
}
