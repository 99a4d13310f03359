package jp.daicho.app;

import static jp.daicho.app.EndToEndIT.dataset;
import static jp.daicho.app.EndToEndIT.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, part 5: every service reaches a Kafka that authenticates (SASL_PLAINTEXT, PLAIN, with Kafka's
 * StandardAuthorizer) by configuration alone — capture, its catalog and status, the classifier's change-event loop,
 * the inventory and the ledger all get the same client properties — and the change events flow from a source
 * database into the inventory. A client without them is refused, so the broker does check.
 */
@UsesRealInfrastructure
class SecuredKafkaIT {

    static EmbeddedKafka kafka;
    static Services services;

    @BeforeAll
    static void start() throws Exception {
        var infra = Infrastructure.shared();
        kafka = EmbeddedKafka.startWithSasl();
        infra.createDatabase("sasl_shop");
        infra.createDatabase("sasl_daicho");
        try (var c = infra.connect("sasl_shop"); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id serial primary key, 氏名 text, email text, 電話番号 text)");
            s.execute("insert into 会員 (氏名, email, 電話番号) values ('山田太郎', 'taro@example.jp', '090-1234-5678')");
        }
        services = new Services(new Services.Settings(kafka.bootstrapServers(), infra.jdbcUrl("sasl_daicho"),
                infra.postgresUser(), infra.postgresPassword(),
                List.of(new Services.Source("saslit", infra.postgresHost(), infra.postgresPort(), "sasl_shop",
                        infra.postgresUser(), infra.postgresPassword())),
                Files.createTempDirectory("sasl-offsets"), 0, "sasl-", "saslit\\..*", 0, 0, kafka.clientProperties())).startAll();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theSpineRunsOnAKafkaThatAuthenticates() throws Exception {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode members = dataset(services, "saslit.public.会員");
            assertThat(item(members, "email")).isEqualTo("email");
            assertThat(item(members, "電話番号")).isEqualTo("phone");
            JsonNode sources = EndToEndIT.get(services, "/api/status").get("sources");
            assertThat(sources).as("capture's status reports").hasSize(1);
            JsonNode source = sources.get(0);
            assertThat(source.get("name").asString()).isEqualTo("saslit");
            assertThat(source.get("ready").asBoolean()).as("capture's status reaches the inventory").isTrue();
        });
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        try (var anonymous = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "request.timeout.ms", 5000, "default.api.timeout.ms", 10000))) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get())
                    .isInstanceOf(ExecutionException.class);
        }
    }
}
