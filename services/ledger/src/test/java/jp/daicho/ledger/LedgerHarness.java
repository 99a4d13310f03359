package jp.daicho.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.pipelines.Recipient;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ledger service on the shared embedded Kafka and PostgreSQL, in a database of its own (so its chain, and the
 * checkpoints it publishes under its name, are its own), with what its integration tests do to it: REST calls as a
 * demo user, SQL as the database owner, records on Kafka.
 */
final class LedgerHarness implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AvroSerde<ProvisionOccurred> OCCURRENCES = AvroSerde.of(ProvisionOccurred.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Infrastructure infra;
    final ConfigurableApplicationContext app;
    final String base;
    private final String db;
    private final KafkaProducer<String, byte[]> producer;

    private LedgerHarness(Infrastructure infra, String db, ConfigurableApplicationContext app) {
        this.infra = infra;
        this.db = db;
        this.app = app;
        this.base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        var props = new Properties();
        props.put("bootstrap.servers", infra.kafkaBootstrapServers());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A ledger in database {@code db}, consuming as {@code group}; checkpoints every 3 records, verified in three
     * stretches at once (so that tampering across their bounds is found as in one walk). {@code settings} add to that.
     */
    static LedgerHarness start(String db, String group, Map<String, String> settings) {
        var infra = Infrastructure.shared();
        infra.createDatabase(db);
        var args = new HashMap<>(Map.of(
                "spring.datasource.url", infra.jdbcUrl(db),
                "spring.datasource.username", infra.postgresUser(),
                "spring.datasource.password", infra.postgresPassword(),
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.kafka.consumer.group-id", group,
                "server.port", "0",
                "daicho.ledger.recording.checkpoint-every", "3",
                "daicho.ledger.verify.parallelism", "3",
                "daicho.ledger.verify.min-segment", "1",
                "spring.profiles.active", DemoUsers.PROFILE));
        args.putAll(settings);
        return new LedgerHarness(infra, db, LedgerApplication.application().run(Infrastructure.args(args)));
    }

    @Override
    public void close() {
        producer.close();
        app.close();
    }

    /** Registers pipelines on Kafka, sending them again until the ledger knows them all (a consumer may join late). */
    void knows(List<PipelineRegistered> pipelines) {
        var serde = AvroSerde.of(PipelineRegistered.class);
        var ids = pipelines.stream().map(p -> "'" + p.getPipelineId() + "'").toList();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (count("select count(*) from known_pipeline where id in (" + String.join(",", ids) + ")") == ids.size()) {
                return true;
            }
            pipelines.forEach(p -> send(Topics.PIPELINE_REGISTERED, serde.encode(p)));
            return false;
        });
    }

    static PipelineRegistered pipeline(String id, String basis, String mode, String country, String crossBorder, List<String> items) {
        return PipelineRegistered.newBuilder().setPipelineId(id).setName(id).setOwner("team").setFields(List.of("shop.public.members/氏名"))
                .setPurposes(List.of("customer:marketing")).setLegalBasis(basis).setCountry(country).setCrossBorderBasis(crossBorder)
                .setRecordMode(mode).setPolicyVersion("1").setRegisteredBy("engineer").setRegisteredAt(Instant.now())
                .setRecipient(Recipient.newBuilder().setName("株式会社サンプル商事").setKind("THIRD_PARTY")
                        .setAddress("東京都千代田区丸の内１－１－１").setRepresentative("代表取締役 佐藤一郎").setCountry(country).build())
                .setDataItems(items).build();
    }

    static ProvisionOccurred.Builder provided(String eventId, String pipeline, Instant at) {
        return ProvisionOccurred.newBuilder().setEventId(eventId).setPipelineId(pipeline).setOccurredAt(at)
                .setSubjectKey("M-0001").setSubjectItems(Map.of("氏名", "山田太郎", "会員番号", "M-0001"))
                .setConsentReference("consent-form-2026-04#8812");
    }

    void send(String topic, byte[] value) {
        send(topic, null, value);
    }

    /** With a key: a compacted topic takes no record without one. */
    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = ledgerSchema(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String... sql) throws Exception {
        try (Connection c = ledgerSchema(); var s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** The owner's connection (a superuser here), in the ledger's schema. */
    Connection ledgerSchema() throws Exception {
        Connection c = infra.connect(db);
        c.createStatement().execute("set search_path = ledger");
        return c;
    }

    HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        request.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(String user, String method, String path, String body) throws Exception {
        return JSON.readTree(call(user, method, path, body).body());
    }

    /** The verification's problems, as the ledger words them. */
    static List<String> problems(JsonNode report) {
        var problems = new ArrayList<String>();
        report.path("problems").forEach(p -> problems.add(p.asString()));
        return problems;
    }

    /** Events on {@code topic} that are {@code wanted}, read from its start until there are at least {@code expected}. */
    <T extends SpecificRecord> List<T> events(String topic, Class<T> type, Predicate<T> wanted, int expected) {
        var serde = AvroSerde.of(type);
        var seen = new ArrayList<T>();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    T event = serde.decode(r.value());
                    if (wanted.test(event)) {
                        seen.add(event);
                    }
                });
                assertThat(seen).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return seen;
    }
}
