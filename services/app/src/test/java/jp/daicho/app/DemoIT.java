package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import jp.daicho.app.demo.DemoDatabase;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo the README's run command shows: every demo table in the inventory, health data flagged sensitive. */
@UsesRealInfrastructure
class DemoIT {

    @Test
    void theDemoDatabaseReachesTheInventoryWithItsPersonalAndSensitiveFields() throws Exception {
        var http = HttpClient.newHttpClient();
        var json = JsonMapper.builder().build();
        try (var run = DemoRun.start(Infrastructure.shared(), "demoit", "demoit_shop", "demoit_daicho")) {
            var demo = run.demo();
            var services = run.services();
            demo.startChanges(50);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                // Its own tables: the shared broker's dataset topic may also hold other tests' datasets.
                JsonNode datasets = json.readTree(http.send(jp.daicho.testkit.DemoUsers.asDpo(
                        URI.create(services.inventoryUrl() + "/api/datasets")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(datasets).filteredOn(d -> d.get("id").asString().startsWith("demoit.")).hasSize(DemoDatabase.TABLES);
                JsonNode sensitive = json.readTree(http.send(jp.daicho.testkit.DemoUsers.asDpo(
                        URI.create(services.inventoryUrl() + "/api/fields?sensitive=true")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(sensitive).extracting(f -> f.get("datasetId").asString() + "/" + f.get("field").asString())
                        .contains("demoit.public.health_checkups/diagnosis", "demoit.public.health_checkups/既往歴");
                assertThat(sensitive).allSatisfy(f -> assertThat(f.get("subject").asString()).isEqualTo("employee"));
            });
            assertThat(demo.changes()).isPositive();
        }
    }
}
