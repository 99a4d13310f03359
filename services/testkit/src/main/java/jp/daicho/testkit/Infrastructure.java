package jp.daicho.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real Kafka and PostgreSQL an integration test runs against: embedded in this JVM by default, or
 * containers with {@code -Ddaicho.it.infra=containers}. One instance per test JVM ({@link #shared()}).
 */
public interface Infrastructure {

    String PROPERTY = "daicho.it.infra";

    String kafkaBootstrapServers();

    String postgresHost();

    int postgresPort();

    String postgresUser();

    String postgresPassword();

    /** Creates the database if missing (UTF-8). */
    void createDatabase(String name);

    /**
     * A Kafka Connect worker with Debezium's connectors on this infrastructure's Kafka, when it has one
     * (containers: yes; embedded: no, the embedded engine runs the same connector instead).
     *
     * @param extraPluginJar a jar to add to the Debezium PostgreSQL connector's plugin directory
     */
    default java.util.Optional<KafkaConnect> kafkaConnect(java.nio.file.Path extraPluginJar) {
        return java.util.Optional.empty();
    }

    /** Where Kafka Connect answers, and how it reaches this infrastructure's PostgreSQL. */
    record KafkaConnect(String url, String postgresHost, int postgresPort) {
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
    }

    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), postgresUser(), postgresPassword());
    }

    /** A consumer of raw records from the earliest offset, in a consumer group of its own. */
    default org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer() {
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(java.util.Map.of(
                "bootstrap.servers", kafkaBootstrapServers(),
                "group.id", "it-check-" + java.util.UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "metadata.max.age.ms", 1000),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    /** Spring Boot command-line arguments ({@code --key=value}), which take precedence over application.yml. */
    static String[] args(java.util.Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /**
     * The infrastructure shared by every test of this JVM, started on first use. With
     * {@code daicho.it.infra=containers} and no Docker engine, the calling test is aborted (reported as
     * skipped with the reason), never passed.
     */
    static Infrastructure shared() {
        String choice = System.getProperty(PROPERTY, "embedded");
        return switch (choice) {
            case "embedded" -> EmbeddedInfrastructure.instance();
            case "containers" -> ContainerInfrastructure.instance();
            default -> throw new IllegalArgumentException(
                    "Unknown -D" + PROPERTY + "=" + choice + "; use 'embedded' (default) or 'containers'");
        };
    }
}
