package jp.daicho.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.testkit.Actuator;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Debezium's embedded engine on a real PostgreSQL, publishing to a real Kafka, resuming after a restart. */
@UsesRealInfrastructure
class CaptureIT {

    static Infrastructure infra;
    static final String DB = "capture_it";
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void sourceDatabase() throws Exception {
        infra = Infrastructure.shared();
        infra.createDatabase(DB);
        try (var c = infra.connect(DB); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id serial primary key, 氏名 text, email text)");
            s.execute("insert into 会員 (氏名, email) values ('山田太郎', 'taro@example.jp'), ('佐藤花子', 'hanako@example.jp')");
            // note_length is computed by PostgreSQL, which leaves it out of logical decoding: the catalog says so.
            s.execute("create table if not exists order_lines (id serial primary key, note text,"
                    + " note_length int generated always as (length(note)) stored)");
            s.execute("create table if not exists 来店 (id serial primary key, member_id int references 会員(id), c2 text)");
            s.execute("comment on column 来店.c2 is '来店した会員のメールアドレス'");
            s.execute("comment on table 来店 is '店舗への来店記録'");
            s.execute("insert into order_lines (note) values ('x')");
        }
    }

    ConfigurableApplicationContext startCapture(Path offsets) {
        return startCapture(offsets, "captureit");
    }

    /** A capture under its own source name: its change topics are its own, whatever the other tests capture. */
    ConfigurableApplicationContext startCapture(Path offsets, String name) {
        return startCapture(offsets, name, DB, infra.postgresUser(), infra.postgresPassword());
    }

    ConfigurableApplicationContext startCapture(Path offsets, String name, String database, String user, String password) {
        return CaptureApplication.application().run(Infrastructure.args(Map.of(
                "daicho.capture.bootstrap-servers", infra.kafkaBootstrapServers(), "server.port", "0",
                "daicho.capture.offset-directory", offsets == null ? "" : offsets.toString(),
                "daicho.capture.catalog-interval", "1s",
                "daicho.capture.sources[0].name", name,
                "daicho.capture.sources[0].host", infra.postgresHost(),
                "daicho.capture.sources[0].port", Integer.toString(infra.postgresPort()),
                "daicho.capture.sources[0].database", database,
                "daicho.capture.sources[0].user", user,
                "daicho.capture.sources[0].password", password)));
    }

    /**
     * Issue 13: a table created while capture runs is streamed (a superuser's publication is FOR ALL TABLES), and its
     * catalog is published before it has a row; a dropped table gets a tombstone on the catalog topic.
     */
    @Test
    void aTableCreatedWhileCaptureRunsIsStreamedAndADroppedOneLeavesTheCatalog() throws Exception {
        String db = "capture_it_ddl";
        infra.createDatabase(db);
        try (var c = infra.connect(db); var s = c.createStatement()) {
            s.execute("create table if not exists first_table (id serial primary key, note text)");
        }
        try (var changes = consumer(); var catalog = catalogConsumer();
             var ignored = startCapture(Files.createTempDirectory("capture-offsets"), "ddlit", db, infra.postgresUser(), infra.postgresPassword())) {
            changes.subscribe(java.util.regex.Pattern.compile("ddlit\\..*"));
            catalog.subscribe(List.of(jp.daicho.schemas.Topics.SOURCE_CATALOG_READ));
            var tables = new java.util.HashMap<String, byte[]>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                pollCatalog(catalog, tables);
                assertThat(tables).containsKey("ddlit.public.first_table");
            });
            try (var c = infra.connect(db); var s = c.createStatement()) {
                s.execute("create table newcomer_contacts (id serial primary key, 氏名 text, email text, 電話番号 text)");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                pollCatalog(catalog, tables);
                assertThat(tables).as("a table with no rows yet is in the catalog").containsKey("ddlit.public.newcomer_contacts");
            });
            try (var c = infra.connect(db); var s = c.createStatement()) {
                s.execute("insert into newcomer_contacts (氏名, email, 電話番号) values ('新井花子', 'hanako@example.jp', '090-1234-5678')");
            }
            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                poll(changes, seen);
                assertThat(seen).extracting(e -> e.at("/payload/source/table").asString()).contains("newcomer_contacts");
            });
            try (var c = infra.connect(db); var s = c.createStatement()) {
                s.execute("drop table newcomer_contacts");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                pollCatalog(catalog, tables);
                assertThat(tables).as("a tombstone").containsEntry("ddlit.public.newcomer_contacts", null);
            });
        }
    }

    /**
     * Issue 13: a capture user that is not a superuser but owns its tables gets a filtered publication, which capture
     * extends with each new table (pg_publication_tables shows it).
     */
    @Test
    void aFilteredPublicationIsExtendedWithTablesCreatedLater() throws Exception {
        String db = "capture_it_owner";
        infra.createDatabase(db);
        try (var c = infra.connect(db); var s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'shop_owner') then "
                    + "create role shop_owner login replication password 'owner-pw'; end if; end $$");
            s.execute("grant create on database " + db + " to shop_owner");
            s.execute("grant create on schema public to shop_owner");
        }
        try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl(db), "shop_owner", "owner-pw"); var s = c.createStatement()) {
            s.execute("create table if not exists orders (id serial primary key, total int)");
        }
        try (var changes = consumer();
             var ignored = startCapture(Files.createTempDirectory("capture-offsets"), "ownerit", db, "shop_owner", "owner-pw")) {
            changes.subscribe(java.util.regex.Pattern.compile("ownerit\\..*"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(publishedTables(db, "daicho_ownerit")).containsExactly("orders"));
            try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl(db), "shop_owner", "owner-pw"); var s = c.createStatement()) {
                s.execute("create table 会員 (id serial primary key, 氏名 text)");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(publishedTables(db, "daicho_ownerit")).containsExactlyInAnyOrder("orders", "会員"));
            try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl(db), "shop_owner", "owner-pw"); var s = c.createStatement()) {
                s.execute("insert into 会員 (氏名) values ('木村一郎')");
            }
            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                poll(changes, seen);
                assertThat(seen).extracting(e -> e.at("/payload/source/table").asString()).contains("会員");
            });
        }
    }

    /**
     * Issue 19 §1: what besides capture can read the source — a logical replication slot someone created and a login
     * role granted SELECT — is published on the readers topic, capture's own slot is not, and a slot dropped and a grant
     * revoked leave it.
     */
    @Test
    void theSourcesOtherReadersArePublishedAndLeaveWhenTheyGo() throws Exception {
        String db = "capture_it_readers";
        infra.createDatabase(db);
        try (var c = infra.connect(db); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id serial primary key, 氏名 text, email text)");
            s.execute("create table if not exists 商品 (id serial primary key, name text)");
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'report_reader') then "
                    + "create role report_reader login password 'report-pw'; end if; end $$");
            s.execute("grant select on 会員 to report_reader");
            s.execute("select pg_create_logical_replication_slot('undeclared_slot', 'test_decoding')");
            s.execute("create publication bi_pub for table 会員");
        }
        try (var readers = catalogConsumer();
             var ignored = startCapture(Files.createTempDirectory("capture-offsets"), "readersit", db, infra.postgresUser(),
                     infra.postgresPassword())) {
            readers.subscribe(List.of(jp.daicho.schemas.Topics.SOURCE_READERS_OBSERVED));
            var serde = jp.daicho.schemas.AvroSerde.of(jp.daicho.events.catalog.SourceReadersObserved.class);
            var last = new java.util.concurrent.atomic.AtomicReference<jp.daicho.events.catalog.SourceReadersObserved>();
            java.util.function.Function<String, List<String>> reader = kind -> last.get().getReaders().stream()
                    .filter(r -> r.getKind().equals(kind)).map(r -> r.getName() + " " + r.getDatasets()).toList();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                readers.poll(Duration.ofMillis(500)).forEach(r -> {
                    if ("readersit".equals(r.key()) && r.value() != null) {
                        last.set(serde.decode(r.value()));
                    }
                });
                assertThat(last.get()).isNotNull();
                assertThat(reader.apply("REPLICATION_SLOT")).singleElement().asString()
                        .startsWith("undeclared_slot").contains("readersit.public.会員", "readersit.public.商品");
                assertThat(reader.apply("DATABASE_ROLE")).contains("report_reader [readersit.public.会員]");
                assertThat(reader.apply("PUBLICATION")).containsExactly("bi_pub [readersit.public.会員]");
            });
            assertThat(last.get().getReaders()).extracting(r -> r.getName()).doesNotContain("daicho_readersit");
            assertThat(last.get().getComplete()).isTrue();

            try (var c = infra.connect(db); var s = c.createStatement()) {
                s.execute("select pg_drop_replication_slot('undeclared_slot')");
                s.execute("revoke select on 会員 from report_reader");
                s.execute("drop publication bi_pub");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                readers.poll(Duration.ofMillis(500)).forEach(r -> {
                    if ("readersit".equals(r.key()) && r.value() != null) {
                        last.set(serde.decode(r.value()));
                    }
                });
                assertThat(last.get().getReaders()).isEmpty();
            });
        } finally {
            try (var c = infra.connect(db); var s = c.createStatement()) {
                s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = 'undeclared_slot'");
            }
        }
    }

    static List<String> publishedTables(String db, String publication) throws Exception {
        var names = new ArrayList<String>();
        try (var c = infra.connect(db); var s = c.prepareStatement("select tablename from pg_publication_tables where pubname = ?")) {
            s.setString(1, publication);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    static KafkaConsumer<String, byte[]> catalogConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "capture-it-catalog-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    static void pollCatalog(KafkaConsumer<String, byte[]> consumer, Map<String, byte[]> into) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> into.put(r.key(), r.value()));
    }

    /**
     * Issue 15: the offsets are in Kafka (no directory given, as in a deployment), so a capture started anywhere resumes
     * where the last one stopped.
     */
    @Test
    void snapshotsThenStreamsAndResumesAfterRestartWithoutReSnapshotFromOffsetsKeptInKafka() throws Exception {
        Path offsets = null;
        List<JsonNode> seen = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(java.util.regex.Pattern.compile("captureit\\.public\\._u.*"));
            try (var ignored = startCapture(offsets)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    poll(consumer, seen);
                    assertThat(seen).extracting(e -> e.at("/payload/op").asString()).containsExactly("r", "r");
                });
                insert("鈴木一郎", "ichiro@example.jp");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    poll(consumer, seen);
                    assertThat(seen).hasSize(3);
                });
            }
            // While the capture is down, the source keeps changing.
            insert("高橋次郎", "jiro@example.jp");
            try (var ignored = startCapture(offsets)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    poll(consumer, seen);
                    assertThat(seen).extracting(e -> e.at("/payload/after/氏名").asString()).contains("高橋次郎");
                });
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .as("no Kafka client of the offset store is left running after capture stopped")
                .extracting(Thread::getName)
                .noneMatch(name -> name.contains("daicho-capture-captureit-") || name.contains("shared-admin")));
        var event = seen.getLast();
        assertThat(event.at("/payload/op").asString()).isEqualTo("c");
        assertThat(event.at("/payload/source/table").asString()).isEqualTo("会員");
        assertThat(seen).extracting(e -> e.at("/payload/op").asString()).filteredOn("r"::equals).hasSize(2);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            // ASCII names keep Debezium's usual topic; Japanese names get distinct _uXXXX escapes.
            assertThat(admin.listTopics().names().get()).contains("captureit.public.order_lines", "captureit.public._u4f1a_u54e1");
            var offsetTopic = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "daicho.capture-offsets"))).all().get();
            assertThat(offsetTopic.values().iterator().next().get("cleanup.policy").value()).isEqualTo("compact");
        }
        try (var offsetReader = catalogConsumer()) {
            offsetReader.subscribe(List.of("daicho.capture-offsets"));
            var keys = new java.util.HashMap<String, byte[]>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                pollCatalog(offsetReader, keys);
                assertThat(keys.keySet()).as("the source's position, keyed by its connector")
                        .anyMatch(key -> key.contains("daicho-capture-captureit"));
            });
        }
    }

    /**
     * Issue 16 §2: the source's replication slot dropped while capture was down. Capture does not stream on from a new
     * slot past the changes it never saw: the source is FAILING with the problem and the setting that allows a
     * re-snapshot, and no slot is made. Allowed, every table is read afresh (the lost change with it), then streamed;
     * a later restart resumes without a second snapshot.
     */
    @Test
    void aLostReplicationSlotStopsCaptureUntilTheSourceAllowsAReSnapshot() throws Exception {
        String name = "slotlost";
        String slot = "daicho_slotlost";
        var allowed = Map.of("daicho.capture.sources[0].when-slot-lost", "resnapshot");
        List<JsonNode> seen = new ArrayList<>();
        try (var c = infra.connect(DB); var s = c.createStatement()) {
            // a table of its own: the other tests count the rows of 会員
            s.execute("create table if not exists slot_members (id serial primary key, 氏名 text, email text)");
            s.execute("insert into slot_members (氏名, email) values ('森田一', 'first@example.jp')");
        }
        try (var consumer = consumer()) {
            consumer.subscribe(List.of("slotlost.public.slot_members"));
            try (var ignored = startCapture(name, Map.of())) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    poll(consumer, seen);
                    assertThat(seen).extracting(e -> e.at("/payload/op").asString()).contains("r");
                });
                insertInto("slot_members", "石川一", "before@example.jp");
                awaitRow(consumer, seen, "before@example.jp", "c");
            }
            try (var c = infra.connect(DB); var s = c.prepareStatement("select pg_drop_replication_slot(?)")) {
                s.setString(1, slot);
                s.execute();
            }
            insertInto("slot_members", "失われた変更", "gap@example.jp");

            try (var capture = startCapture(name, Map.of())) {
                String base = Actuator.base(capture.getEnvironment());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    var source = Actuator.get(base, "/actuator/health/readiness", "admin").json()
                            .at("/components/sources/details/slotlost");
                    assertThat(source.path("state").asString()).isEqualTo("FAILING");
                    assertThat(source.path("problem").asString())
                            .contains("the replication slot daicho_slotlost", "is gone (dropped)", "were not captured",
                                    "daicho.capture.sources[0].when-slot-lost=resnapshot")
                            .doesNotContain("gap@example.jp", "失われた変更");
                });
                assertThat(slotExists(slot)).as("no new slot: nothing streams on past the lost changes").isFalse();
            }

            int beforeResnapshot = seen.size();
            try (var ignored = startCapture(name, allowed)) {
                awaitRow(consumer, seen, "gap@example.jp", "r");
                insertInto("slot_members", "再開後", "after@example.jp");
                awaitRow(consumer, seen, "after@example.jp", "c");
            }
            assertThat(seen.subList(beforeResnapshot, seen.size())).extracting(e -> e.at("/payload/after/email").asString())
                    .as("every row read afresh").contains("before@example.jp", "gap@example.jp");

            insertInto("slot_members", "再起動中", "restart@example.jp");
            int beforeRestart = seen.size();
            try (var ignored = startCapture(name, allowed)) {
                awaitRow(consumer, seen, "restart@example.jp", "c");
            }
            assertThat(seen.subList(beforeRestart, seen.size())).extracting(e -> e.at("/payload/op").asString())
                    .as("the slot is in step again: no second snapshot").doesNotContain("r");
        }
    }

    /** A capture of the test's database under its own name, with an administrator to read its readiness. */
    ConfigurableApplicationContext startCapture(String name, Map<String, String> more) {
        var settings = new java.util.LinkedHashMap<String, String>(Map.of(
                "daicho.capture.bootstrap-servers", infra.kafkaBootstrapServers(), "server.port", "0",
                "spring.profiles.active", DemoUsers.PROFILE,
                "daicho.capture.sources[0].name", name,
                "daicho.capture.sources[0].host", infra.postgresHost(),
                "daicho.capture.sources[0].port", Integer.toString(infra.postgresPort()),
                "daicho.capture.sources[0].database", DB,
                "daicho.capture.sources[0].user", infra.postgresUser(),
                "daicho.capture.sources[0].password", infra.postgresPassword()));
        settings.putAll(more);
        return CaptureApplication.application().run(Infrastructure.args(settings));
    }

    static void awaitRow(KafkaConsumer<String, String> consumer, List<JsonNode> seen, String email, String op) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            poll(consumer, seen);
            assertThat(seen).anyMatch(e -> e.at("/payload/after/email").asString("").equals(email)
                    && e.at("/payload/op").asString().equals(op));
        });
    }

    static boolean slotExists(String slot) throws Exception {
        try (var c = infra.connect(DB); var s = c.prepareStatement("select 1 from pg_replication_slots where slot_name = ?")) {
            s.setString(1, slot);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Issue 15: readiness follows each source's connection (a source whose database does not exist is DOWN, with the
     * problem and its fix for an administrator) while liveness stays up; metrics per source are an administrator's.
     */
    @Test
    void readinessFollowsEachSourcesConnectionAndItsMetricsAreAnAdministrators() throws Exception {
        var settings = new java.util.LinkedHashMap<String, String>();
        settings.put("daicho.capture.bootstrap-servers", infra.kafkaBootstrapServers());
        settings.put("server.port", "0");
        settings.put("spring.profiles.active", DemoUsers.PROFILE);
        settings.put("daicho.capture.offset-directory", Files.createTempDirectory("capture-offsets").toString());
        String[][] sources = {{"healthok", DB}, {"healthbad", "no_such_database"}};
        for (int i = 0; i < sources.length; i++) {
            String p = "daicho.capture.sources[" + i + "].";
            settings.put(p + "name", sources[i][0]);
            settings.put(p + "host", infra.postgresHost());
            settings.put(p + "port", Integer.toString(infra.postgresPort()));
            settings.put(p + "database", sources[i][1]);
            settings.put(p + "user", infra.postgresUser());
            settings.put(p + "password", infra.postgresPassword());
        }
        try (var capture = CaptureApplication.application().run(Infrastructure.args(settings))) {
            String base = Actuator.base(capture.getEnvironment());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var readiness = Actuator.get(base, "/actuator/health/readiness", "admin");
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
                var components = readiness.json().path("components");
                assertThat(components.at("/kafka/status").asString()).isEqualTo("UP");
                assertThat(components.at("/sources/status").asString()).isEqualTo("DOWN");
                assertThat(components.at("/sources/details/healthok/state").asString()).isEqualTo("STREAMING");
                assertThat(components.at("/sources/details/healthbad/state").asString()).isEqualTo("FAILING");
                assertThat(components.at("/sources/details/healthbad/problem").asString()).contains("no_such_database");
            });
            var anonymous = Actuator.get(base, "/actuator/health/readiness", null);
            assertThat(anonymous.status()).isEqualTo(503);
            assertThat(anonymous.json().has("components")).as("no details without login").isFalse();
            assertThat(Actuator.get(base, "/actuator/health/liveness", null).status()).isEqualTo(200);

            assertThat(Actuator.get(base, "/actuator/prometheus", null).status()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var metrics = Actuator.get(base, "/actuator/prometheus", "admin");
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.body())
                        .containsPattern("daicho_capture_streaming\\{[^}]*source=\"healthok\"[^}]*} 1\\.0")
                        .containsPattern("daicho_capture_streaming\\{[^}]*source=\"healthbad\"[^}]*} 0\\.0")
                        .containsPattern("daicho_capture_events_total\\{[^}]*source=\"healthok\"[^}]*} [1-9]")
                        .containsPattern("daicho_capture_lag_seconds\\{[^}]*source=\"healthok\"[^}]*} [0-9]")
                        .contains("service=\"daicho-capture\"");
            });
        }
    }

    /** Issue 12: the catalog's keys, foreign keys and comments are published for the classifier. */
    @Test
    void theSourceCatalogIsPublishedWithKeysForeignKeysAndComments() throws Exception {
        var serde = jp.daicho.schemas.AvroSerde.of(jp.daicho.events.catalog.SourceCatalogRead.class);
        var read = new java.util.HashMap<String, jp.daicho.events.catalog.SourceCatalogRead>();
        try (var consumer = catalogConsumer();
             var ignored = startCapture(Files.createTempDirectory("capture-offsets"), "catalogit")) {
            consumer.subscribe(List.of(jp.daicho.schemas.Topics.SOURCE_CATALOG_READ));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                // Other tests' tables on the shared topic may have been dropped: tombstones are skipped.
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null) {
                        read.put(r.key(), serde.decode(r.value()));
                    }
                });
                assertThat(read).containsKeys("catalogit.public.来店", "catalogit.public.会員");
            });
            // Rows written: the statistics' estimate of the table's rows is published again (the 台帳's number of records).
            // (Into order_lines: other scenarios count the rows of the tables with Japanese names.)
            try (var c = infra.connect(DB); var s = c.prepareStatement("insert into order_lines (note) values (?)")) {
                for (int i = 0; i < 3; i++) {
                    s.setString(1, "line " + i);
                    s.executeUpdate();
                }
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null) {
                        read.put(r.key(), serde.decode(r.value()));
                    }
                });
                assertThat(read.get("catalogit.public.order_lines").getRows()).isNotNull().isGreaterThanOrEqualTo(3L);
            });
        }
        var visits = read.get("catalogit.public.来店");
        assertThat(visits.getTableComment()).isEqualTo("店舗への来店記録");
        assertThat(visits.getColumns()).extracting(c -> c.getName(), c -> c.getPrimaryKey(), c -> c.getReferences(), c -> c.getComment())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", true, null, null),
                        org.assertj.core.groups.Tuple.tuple("member_id", false, "会員.id", null),
                        org.assertj.core.groups.Tuple.tuple("c2", false, null, "来店した会員のメールアドレス"));
        assertThat(read.get("catalogit.public.会員").getColumns()).extracting(c -> c.getName()).containsExactly("id", "氏名", "email");
        assertThat(read.get("catalogit.public.order_lines").getColumns()).extracting(c -> c.getName(), c -> c.getGenerated())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", false), org.assertj.core.groups.Tuple.tuple("note", false),
                        org.assertj.core.groups.Tuple.tuple("note_length", true));
    }

    void insert(String name, String email) throws Exception {
        insertInto("会員", name, email);
    }

    void insertInto(String table, String name, String email) throws Exception {
        try (var c = infra.connect(DB); var s = c.prepareStatement("insert into " + table + " (氏名, email) values (?, ?)")) {
            s.setString(1, name);
            s.setString(2, email);
            s.executeUpdate();
        }
    }

    static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "capture-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new StringDeserializer());
    }

    static void poll(KafkaConsumer<String, String> consumer, List<JsonNode> into) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
            if (r.value() != null) {
                into.add(json.readTree(r.value()));
            }
        });
    }
}
