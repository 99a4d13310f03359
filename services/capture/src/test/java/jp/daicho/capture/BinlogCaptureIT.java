package jp.daicho.capture;

import static jp.daicho.capture.CaptureIT.catalogConsumer;
import static jp.daicho.capture.CaptureIT.consumer;
import static jp.daicho.capture.CaptureIT.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.capture.catalog.CatalogReader;
import jp.daicho.capture.catalog.SourceProblems;
import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.SharedMariaDb;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, part 2: a MariaDB source (a real MariaDB 11.4 server with its binary log in ROW format) captured by
 * Debezium's MySQL connector, as a user holding only the privileges docs/operations.md lists: the snapshot, then
 * inserts, a table created while capture runs, an added column and a dropped table, and a restart that resumes from
 * the binary log position and the schema history kept in Kafka without a second snapshot.
 */
@UsesRealInfrastructure
class BinlogCaptureIT {

    static final String DB = "binlog_shop";
    static final String USER = "daicho_capture";
    static final String PASSWORD = "capture-pw";
    static final AvroSerde<SourceCatalogRead> catalogSerde = AvroSerde.of(SourceCatalogRead.class);

    @BeforeAll
    static void sourceDatabase() throws Exception {
        var mariadb = SharedMariaDb.server();
        mariadb.createDatabase(DB);
        try (var c = SharedMariaDb.connect(DB); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id int auto_increment primary key, 氏名 varchar(40) comment '会員の氏名',"
                    + " email varchar(120), points int unsigned) comment '通販サイトの会員'");
            s.execute("create table if not exists 来店 (id int auto_increment primary key, member_id int, memo text,"
                    + " memo_length int as (char_length(memo)) virtual, foreign key (member_id) references 会員(id))");
            s.execute("insert into 会員 (氏名, email, points) values ('山田太郎', 'taro@example.jp', 10), ('佐藤花子', 'hanako@example.jp', 0)");
            s.execute("create user if not exists '" + USER + "'@'127.0.0.1' identified by '" + PASSWORD + "'");
            s.execute("grant " + "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES"
                    + " on *.* to '" + USER + "'@'127.0.0.1'");
            s.execute("create user if not exists 'no_binlog'@'127.0.0.1' identified by 'pw'");
            s.execute("grant select on " + DB + ".* to 'no_binlog'@'127.0.0.1'");
        }
    }

    /** Capture of the MariaDB database, its offsets in Kafka (the default). */
    static ConfigurableApplicationContext startCapture(String name) {
        var mariadb = SharedMariaDb.server();
        return CaptureApplication.application().run(Infrastructure.args(Map.of(
                "daicho.capture.bootstrap-servers", Infrastructure.shared().kafkaBootstrapServers(), "server.port", "0",
                "daicho.capture.catalog-interval", "1s",
                "daicho.capture.sources[0].name", name,
                "daicho.capture.sources[0].kind", "mariadb",
                "daicho.capture.sources[0].host", mariadb.host(),
                "daicho.capture.sources[0].port", Integer.toString(mariadb.port()),
                "daicho.capture.sources[0].database", DB,
                "daicho.capture.sources[0].user", USER,
                "daicho.capture.sources[0].password", PASSWORD)));
    }

    @Test
    void snapshotsStreamsNewTablesAndColumnsAndResumesFromTheBinaryLog() throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        Map<String, SourceCatalogRead> catalog = new HashMap<>();
        try (var changes = consumer(); var catalogs = catalogConsumer()) {
            changes.subscribe(Pattern.compile("mysrc\\..*"));
            catalogs.subscribe(List.of(Topics.SOURCE_CATALOG_READ));
            try (var ignored = startCapture("mysrc")) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    poll(changes, seen);
                    assertThat(seen).extracting(e -> e.at("/payload/op").asString()).containsExactly("r", "r");
                });
                assertThat(seen.getFirst().at("/payload/source/connector").asString()).isEqualTo("mysql");
                assertThat(seen.getFirst().at("/payload/source/db").asString()).isEqualTo(DB);
                assertThat(seen.getFirst().at("/payload/after/氏名").asString()).isEqualTo("山田太郎");

                // The catalog: keys, foreign keys and comments, types spelled as the connector spells them.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    pollCatalog(catalogs, catalog);
                    assertThat(catalog).containsKeys("mysrc.binlog_shop.会員", "mysrc.binlog_shop.来店");
                });
                var members = catalog.get("mysrc.binlog_shop.会員");
                assertThat(members.getSystem()).isEqualTo("mysrc");
                assertThat(members.getDatabase()).isEqualTo(DB);
                assertThat(members.getSchemaName()).as("MySQL tables have no schema").isNull();
                assertThat(members.getTableComment()).isEqualTo("通販サイトの会員");
                assertThat(members.getColumns()).extracting(c -> c.getName(), c -> c.getSqlType(), c -> c.getPrimaryKey(),
                                c -> c.getComment(), c -> c.getOptional())
                        .containsExactly(Tuple.tuple("id", "INT", true, null, false),
                                Tuple.tuple("氏名", "VARCHAR", false, "会員の氏名", true),
                                Tuple.tuple("email", "VARCHAR", false, null, true),
                                Tuple.tuple("points", "INT UNSIGNED", false, null, true));
                assertThat(catalog.get("mysrc.binlog_shop.来店").getColumns()).extracting(c -> c.getName(), c -> c.getGenerated())
                        .containsExactly(Tuple.tuple("id", false), Tuple.tuple("member_id", false), Tuple.tuple("memo", false),
                                Tuple.tuple("memo_length", true));
                assertThat(catalog.get("mysrc.binlog_shop.来店").getColumns()).extracting(c -> c.getReferences())
                        .containsExactly(null, "会員.id", null, null);
                // ...as the change events name them: one schema version, not two.
                assertThat(seen.getFirst().at("/schema/fields/1/fields/3/parameters/__debezium.source.column.type").asString())
                        .isEqualTo("INT UNSIGNED");

                try (var c = SharedMariaDb.connect(DB); var s = c.createStatement()) {
                    s.execute("insert into 会員 (氏名, email) values ('鈴木一郎', 'ichiro@example.jp')");
                    s.execute("create table newcomer_contacts (id int auto_increment primary key, 氏名 varchar(40), 電話番号 varchar(20))");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    pollCatalog(catalogs, catalog);
                    assertThat(catalog).as("a table with no rows yet is in the catalog").containsKey("mysrc.binlog_shop.newcomer_contacts");
                });
                try (var c = SharedMariaDb.connect(DB); var s = c.createStatement()) {
                    s.execute("insert into newcomer_contacts (氏名, 電話番号) values ('新井花子', '090-1234-5678')");
                    s.execute("alter table 会員 add column 生年月日 date");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    poll(changes, seen);
                    pollCatalog(catalogs, catalog);
                    assertThat(seen).extracting(e -> e.at("/payload/source/table").asString()).contains("newcomer_contacts");
                    assertThat(catalog.get("mysrc.binlog_shop.会員").getColumns()).extracting(c -> c.getName()).contains("生年月日");
                });
                try (var c = SharedMariaDb.connect(DB); var s = c.createStatement()) {
                    s.execute("drop table newcomer_contacts");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    pollCatalog(catalogs, catalog);
                    assertThat(catalog).as("a tombstone").containsEntry("mysrc.binlog_shop.newcomer_contacts", null);
                });
            }
            // While capture is down the source changes, the table's schema too: the history in Kafka knows the old one.
            try (var c = SharedMariaDb.connect(DB); var s = c.createStatement()) {
                s.execute("insert into 会員 (氏名, email, 生年月日) values ('高橋次郎', 'jiro@example.jp', '1990-04-01')");
            }
            int before = seen.size();
            try (var ignored = startCapture("mysrc")) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    poll(changes, seen);
                    assertThat(seen.subList(before, seen.size())).extracting(e -> e.at("/payload/after/氏名").asString())
                            .contains("高橋次郎");
                });
            }
            assertThat(seen.subList(before, seen.size())).extracting(e -> e.at("/payload/op").asString())
                    .as("no second snapshot").doesNotContain("r");
        }
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers",
                Infrastructure.shared().kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("mysrc.binlog_shop._u4f1a_u54e1",
                    "mysrc.binlog_shop.newcomer_contacts", "daicho.schema-history.mysrc");
        }
    }

    /** Bad input: a user that may not read the binary log, a binary log in STATEMENT format, wrong credentials. */
    /**
     * Issue 19 §1: the accounts granted SELECT on the database are published as its readers; capture's own is not, and
     * without PROCESS the report says other users' binary-log clients are hidden, and what to grant.
     */
    @Test
    void theAccountsThatCanReadTheDatabaseArePublishedAndWhatIsHiddenIsSaid() throws Exception {
        var serde = AvroSerde.of(jp.daicho.events.catalog.SourceReadersObserved.class);
        var last = new java.util.concurrent.atomic.AtomicReference<jp.daicho.events.catalog.SourceReadersObserved>();
        try (var readers = catalogConsumer(); var ignored = startCapture("myreaders")) {
            readers.subscribe(List.of(Topics.SOURCE_READERS_OBSERVED));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                readers.poll(Duration.ofMillis(500)).forEach(r -> {
                    if ("myreaders".equals(r.key()) && r.value() != null) {
                        last.set(serde.decode(r.value()));
                    }
                });
                assertThat(last.get()).isNotNull();
                assertThat(last.get().getReaders()).filteredOn(r -> r.getKind().equals("DATABASE_ROLE"))
                        .extracting(r -> r.getName() + " " + r.getDatasets())
                        .anySatisfy(r -> assertThat(r).startsWith("no_binlog@127.0.0.1").contains("myreaders.binlog_shop.会員"));
            });
            assertThat(last.get().getReaders()).extracting(r -> r.getName()).noneMatch(n -> n.startsWith(USER + "@"));
            assertThat(last.get().getComplete()).isFalse();
            assertThat(last.get().getNote()).contains("PROCESS", "GRANT PROCESS ON *.* TO '" + USER + "'");
        }
    }

    @Test
    void saysWhatKeepsASourceFromBeingStreamedAndHowToFixIt() throws Exception {
        var mariadb = SharedMariaDb.server();
        var noBinlog = source("no_binlog", "pw");
        try (var c = CatalogReader.connect(noBinlog)) {
            assertThat(SourceProblems.streamingProblem(c, noBinlog))
                    .contains("user no_binlog may not read the binary log", "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE");
        }
        var capture = source(USER, PASSWORD);
        try (var c = CatalogReader.connect(capture)) {
            assertThat(SourceProblems.streamingProblem(c, capture)).isNull();
            try (var admin = SharedMariaDb.connect(""); var s = admin.createStatement()) {
                s.execute("set global binlog_format = 'STATEMENT'");
                try {
                    assertThat(SourceProblems.streamingProblem(c, capture))
                            .contains("binlog_format is 'STATEMENT'", "SET GLOBAL binlog_format = 'ROW'");
                } finally {
                    s.execute("set global binlog_format = 'ROW'");
                }
            }
        }
        var wrong = source(USER, "wrong");
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                () -> CatalogReader.connect(wrong));
        assertThat(SourceProblems.explain(refused, wrong))
                .isEqualTo("MariaDB refused the credentials of " + USER + "@127.0.0.1:" + mariadb.port() + "/" + DB
                        + " (SQL state 28000): check the source's user and password (the password comes from the environment,"
                        + " see docs/operations.md)")
                .doesNotContain("wrong");
        var missing = new CaptureProperties.Source("x", CaptureProperties.Kind.MARIADB, mariadb.host(), mariadb.port(),
                "no_such_db", USER, PASSWORD, "", "initial", Map.of(), CaptureProperties.SlotLost.STOP);
        var unknown = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                () -> CatalogReader.connect(missing));
        assertThat(SourceProblems.explain(unknown, missing)).startsWith("database no_such_db does not exist on 127.0.0.1:");
    }

    static CaptureProperties.Source source(String user, String password) {
        var mariadb = SharedMariaDb.server();
        return new CaptureProperties.Source("problems", CaptureProperties.Kind.MARIADB, mariadb.host(), mariadb.port(), DB,
                user, password, "", "initial", Map.of(), CaptureProperties.SlotLost.STOP);
    }

    static void pollCatalog(org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer, Map<String, SourceCatalogRead> into) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> into.put(r.key(), r.value() == null ? null : catalogSerde.decode(r.value())));
    }
}
