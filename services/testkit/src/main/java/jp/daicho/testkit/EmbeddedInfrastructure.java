package jp.daicho.testkit;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;

/** Embedded KRaft Kafka and zonky PostgreSQL, started once per JVM and stopped at JVM exit. */
final class EmbeddedInfrastructure implements Infrastructure {

    private static EmbeddedInfrastructure instance;

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;

    private EmbeddedInfrastructure() {
        this.postgres = EmbeddedPostgres.start();
        this.kafka = EmbeddedKafka.start();
        // Normally stopped when the test run ends (StopInfrastructure), before the test JVM exits; this hook
        // is for runs that end otherwise.
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfrastructure::stop, "embedded-infrastructure-stop"));
    }

    /** Stops Kafka, then PostgreSQL, once. */
    static synchronized void stop() {
        if (instance != null) {
            var running = instance;
            instance = null;
            running.kafka.close();
            running.postgres.close();
        }
    }

    static synchronized EmbeddedInfrastructure instance() {
        if (instance == null) {
            instance = new EmbeddedInfrastructure();
        }
        return instance;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String postgresHost() {
        return postgres.host();
    }

    @Override
    public int postgresPort() {
        return postgres.port();
    }

    @Override
    public String postgresUser() {
        return EmbeddedPostgres.USER;
    }

    @Override
    public String postgresPassword() {
        return "";
    }

    @Override
    public void createDatabase(String name) {
        postgres.createDatabase(name);
    }
}
