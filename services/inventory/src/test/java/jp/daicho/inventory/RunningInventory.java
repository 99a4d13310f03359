package jp.daicho.inventory;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;

/** The inventory service on the shared real infrastructure, with a database and consumer group of its own. */
final class RunningInventory {

    private RunningInventory() {
    }

    /** Starts it on a random port with the demo users; the consumer group is named after the database. */
    static ConfigurableApplicationContext start(Infrastructure infra, String database, Map<String, String> extra) {
        infra.createDatabase(database);
        var settings = new HashMap<>(Map.of(
                "spring.datasource.url", infra.jdbcUrl(database),
                "spring.datasource.username", infra.postgresUser(),
                "spring.datasource.password", infra.postgresPassword(),
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.kafka.consumer.group-id", database.replace('_', '-'),
                "server.port", "0",
                "spring.profiles.active", DemoUsers.PROFILE));
        settings.putAll(extra);
        return InventoryApplication.application().run(Infrastructure.args(settings));
    }

    static String url(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }
}
