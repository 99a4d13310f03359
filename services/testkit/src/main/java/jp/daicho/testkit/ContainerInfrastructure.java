package jp.daicho.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

import jp.daicho.embedded.EmbeddedPostgres;

/**
 * Kafka ({@code apache/kafka}) and PostgreSQL ({@code postgres}, with {@code wal_level=logical}) in
 * containers, for machines with a Docker engine. Image tags are pinned. Without Docker the calling test
 * is aborted with the reason: JUnit reports it skipped.
 */
final class ContainerInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.3.0";
    static final String POSTGRES_IMAGE = "postgres:17.6";
    static final String CONNECT_IMAGE = "quay.io/debezium/connect:3.6.1.Final";

    private static ContainerInfrastructure instance;

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private GenericContainer<?> connect;

    private ContainerInfrastructure() {
        this.kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092");
        this.postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withNetwork(network).withNetworkAliases("postgres")
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
    public synchronized Optional<KafkaConnect> kafkaConnect(Path extraPluginJar) {
        if (connect == null) {
            connect = new GenericContainer<>(CONNECT_IMAGE)
                    .withNetwork(network)
                    .withEnv("BOOTSTRAP_SERVERS", "kafka:19092")
                    .withEnv("GROUP_ID", "daicho-it")
                    .withEnv("CONFIG_STORAGE_TOPIC", "daicho_it_connect_configs")
                    .withEnv("OFFSET_STORAGE_TOPIC", "daicho_it_connect_offsets")
                    .withEnv("STATUS_STORAGE_TOPIC", "daicho_it_connect_statuses")
                    .withCopyFileToContainer(MountableFile.forHostPath(extraPluginJar),
                            "/kafka/connect/debezium-connector-postgres/" + extraPluginJar.getFileName())
                    .withExposedPorts(8083)
                    .waitingFor(Wait.forHttp("/connectors").forPort(8083));
            connect.start();
        }
        return Optional.of(new KafkaConnect("http://" + connect.getHost() + ":" + connect.getMappedPort(8083),
                "postgres", 5432));
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
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), postgresUser(), postgresPassword())) {
            EmbeddedPostgres.createDatabase(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }
}
