package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

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
        var infra = Infrastructure.shared();
        infra.createDatabase("demoit_shop");
        infra.createDatabase("demoit_daicho");
        var ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(infra.jdbcUrl("demoit_shop"));
        ds.setUser(infra.postgresUser());
        ds.setPassword(infra.postgresPassword());
        var http = HttpClient.newHttpClient();
        var json = JsonMapper.builder().build();
        try (var demo = new DemoDatabase(ds);
             var services = new Services(new Services.Settings(infra.kafkaBootstrapServers(),
                     infra.jdbcUrl("demoit_daicho"), infra.postgresUser(), infra.postgresPassword(),
                     List.of(new Services.Source("demoit", infra.postgresHost(), infra.postgresPort(), "demoit_shop",
                             infra.postgresUser(), infra.postgresPassword())),
                     Files.createTempDirectory("demoit-offsets"), 0, "demoit-", "demoit\\..*"))) {
            demo.createAndSeed();
            services.startAll();
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
