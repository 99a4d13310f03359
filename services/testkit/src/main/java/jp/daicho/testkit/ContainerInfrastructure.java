package jp.daicho.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka ({@code apache/kafka}) and PostgreSQL ({@code postgres}, with {@code wal_level=logical}) in
 * containers, for machines with a Docker engine. Image tags are pinned. Without Docker the calling test
 * is aborted with the reason: JUnit reports it skipped.
 */
final class ContainerInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.3.0";
    static final String POSTGRES_IMAGE = "postgres:17.6";

    private static ContainerInfrastructure instance;

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure() {
        this.kafka = new KafkaContainer(KAFKA_IMAGE);
        this.postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20");
        kafka.start();
        postgres.start();
    }

    static synchronized ContainerInfrastructure instance() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "-Ddaicho.it.infra=containers needs a Docker engine and none is reachable here; "
                        + "run without it to use the embedded Kafka and PostgreSQL");
        if (instance == null) {
            instance = new ContainerInfrastructure();
        }
        return instance;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String postgresHost() {
        return postgres.getHost();
    }

    @Override
    public int postgresPort() {
        return postgres.getMappedPort(5432);
    }

    @Override
    public String postgresUser() {
        return postgres.getUsername();
    }

    @Override
    public String postgresPassword() {
        return postgres.getPassword();
    }

    @Override
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), postgresUser(), postgresPassword());
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database " + name + " encoding 'UTF8' template template0");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }
}
