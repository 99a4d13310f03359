package jp.daicho.app;

import java.nio.file.Files;
import java.util.List;

import jp.daicho.app.demo.DemoDatabase;
import jp.daicho.testkit.Infrastructure;

/**
 * The demo as {@code bin/daicho-app} runs it, on the shared real infrastructure: the demo source database, seeded,
 * captured as source {@code source} into a Daichō database of its own, with every service started.
 */
record DemoRun(DemoDatabase demo, Services services) implements AutoCloseable {

    static DemoRun start(Infrastructure infra, String source, String sourceDatabase, String daichoDatabase) throws Exception {
        infra.createDatabase(sourceDatabase);
        infra.createDatabase(daichoDatabase);
        var ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(infra.jdbcUrl(sourceDatabase));
        ds.setUser(infra.postgresUser());
        ds.setPassword(infra.postgresPassword());
        var demo = new DemoDatabase(ds);
        var services = new Services(new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl(daichoDatabase),
                infra.postgresUser(), infra.postgresPassword(),
                List.of(new Services.Source(source, infra.postgresHost(), infra.postgresPort(), sourceDatabase,
                        infra.postgresUser(), infra.postgresPassword())),
                Files.createTempDirectory(source + "-offsets"), 0, source + "-", source + "\\..*"));
        try {
            demo.createAndSeed();
            services.startAll();
        } catch (Exception | Error e) {
            services.close();
            demo.close();
            throw e;
        }
        return new DemoRun(demo, services);
    }

    @Override
    public void close() throws Exception {
        try (demo) {
            services.close();
        }
    }
}
