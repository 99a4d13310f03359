package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import jp.daicho.testkit.Actuator;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: two classifier and two inventory instances in their consumer groups on one Kafka and one database, while
 * changes flow from a source whose change topics have four partitions; one instance of each is stopped mid-stream.
 * Both classifiers did part of the work; every table is in the inventory once, with one schema version although both
 * classifiers observed it, and its fields classified as one classifier alone would have.
 */
@UsesRealInfrastructure
class ScaleOutIT {

    static final String SHOP = "scale_shop";
    static final String DAICHO = "scale_daicho";
    static final List<String> TABLES = List.of("customers", "staff");

    @Test
    void twoClassifiersAndTwoInventoriesShareTheWorkAndTheOthersGoOnWhenOneOfEachStops() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase(SHOP);
        infra.createDatabase(DAICHO);
        try (var c = infra.connect(SHOP); var s = c.createStatement()) {
            s.execute("create table if not exists customers (id bigserial primary key, 氏名 text, email text, 電話番号 text, plan text)");
            s.execute("create table if not exists staff (id bigserial primary key, full_name text, mail text, department text)");
        }
        insert(0, 40);
        try (var admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            // Debezium keys events by primary key: each table's changes spread over the four partitions.
            admin.createTopics(TABLES.stream().map(t -> new NewTopic("scale.public." + t, Optional.of(4), Optional.empty())).toList())
                    .all().get();
        }
        var settings = new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl(DAICHO), infra.postgresUser(),
                infra.postgresPassword(), List.of(new Services.Source("scale", infra.postgresHost(), infra.postgresPort(), SHOP,
                infra.postgresUser(), infra.postgresPassword())), null, 0, "scale-", "scale\\..*");
        try (var first = new Services(settings); var second = new Services(settings)) {
            first.startInventory();
            second.startInventory();
            first.startClassifier();
            second.startClassifier();
            first.startCapture();
            // Both classifiers in the group with partitions of their own: one alone may have read the snapshot.
            try (var admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(admin.describeConsumerGroups(
                        List.of("scale-classifier")).all().get().get("scale-classifier").members())
                        .hasSize(2).allMatch(member -> !member.assignment().topicPartitions().isEmpty()));
            }
            insert(40, 80);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(handled(first)).isPositive();
                assertThat(handled(second)).isPositive();
            });
            // Mid-stream: one classifier and one inventory go; the group's others take their partitions.
            first.stopClassifier();
            first.stopInventory();
            insert(80, 160);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(handled(second)).isGreaterThanOrEqualTo(
                    // at least what the first did not take: the events after it stopped
                    80 * TABLES.size()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode customers = EndToEndIT.dataset(second, "scale.public.customers");
                JsonNode staff = EndToEndIT.dataset(second, "scale.public.staff");
                assertThat(EndToEndIT.item(customers, "email")).isEqualTo("email");
                assertThat(EndToEndIT.item(customers, "電話番号")).isEqualTo("phone");
                assertThat(EndToEndIT.item(staff, "mail")).isEqualTo("email");
                assertThat(customers.path("versions")).as("one schema version, though both classifiers observed it").hasSize(1);
                assertThat(staff.path("versions")).hasSize(1);
                assertThat(customers.path("fields")).extracting(f -> f.path("name").asString())
                        .as("each field once").containsExactlyInAnyOrder("id", "氏名", "email", "電話番号", "plan");
            });
        }
    }

    /** Change events the service's classifier handled, from its own metrics. */
    static long handled(Services services) throws Exception {
        var metrics = Actuator.get(services.classifierUrl(), "/actuator/prometheus", "admin").body();
        var m = Pattern.compile("(?m)^daicho_events_handled_total\\{[^}]*} ([0-9.E]+)$").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static void insert(int from, int to) throws Exception {
        try (var c = Infrastructure.shared().connect(SHOP);
             var customers = c.prepareStatement("insert into customers (氏名, email, 電話番号, plan) values (?, ?, ?, 'basic')");
             var staff = c.prepareStatement("insert into staff (full_name, mail, department) values (?, ?, '営業部')")) {
            for (int i = from; i < to; i++) {
                customers.setString(1, "顧客 " + i);
                customers.setString(2, "customer" + i + "@example.jp");
                customers.setString(3, String.format("090-%04d-%04d", i, 1000 + i));
                customers.executeUpdate();
                staff.setString(1, "Staff Member " + i);
                staff.setString(2, "staff" + i + "@example.co.jp");
                staff.executeUpdate();
            }
        }
    }
}
