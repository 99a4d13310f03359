package jp.daicho.ledger;

import static jp.daicho.ledger.LedgerHarness.pipeline;
import static jp.daicho.ledger.LedgerHarness.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.daicho.ledger.chain.PublishedCheckpoints;
import jp.daicho.ledger.recording.Checkpoints;
import jp.daicho.ledger.recording.Occurrence;
import jp.daicho.ledger.recording.RecordOccurrences;
import jp.daicho.ledger.retention.PurgeExpired;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * The chain against tampering and purges. Each scenario has a ledger of its own (its database, its checkpoints on
 * Kafka under its own name, a consumer group that reads only what is sent while it runs), so that what one scenario
 * breaks on purpose no other scenario sees.
 */
@UsesRealInfrastructure
class LedgerChainIT {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    static final String REWRITTEN_BEFORE_3 = "record 3 does not match the checkpoint published on Kafka for it: the chain "
            + "up to it was rewritten, and the stored checkpoints with it";

    LedgerHarness ledger;

    @BeforeEach
    void start() {
        int n = SCENARIOS.incrementAndGet();
        ledger = LedgerHarness.start("ledger_chain_" + n + "_" + ProcessHandle.current().pid(), "ledger-chain-" + n + "-"
                + System.nanoTime(), Map.of("spring.kafka.consumer.auto-offset-reset", "latest"));
        ledger.knows(List.of(pipeline("partner-share", "CONSENT", null, "JP", null, List.of("name", "email")),
                pipeline("monthly-feed", "CONSENT", "BATCH", "JP", null, List.of("name")),
                pipeline("shop-contract", "CONSENT", "CONTRACT_SUBSTITUTE", "JP", null, List.of("name"))));
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    void record(List<Occurrence> occurrences) {
        ledger.app.getBean(RecordOccurrences.class).record(occurrences);
    }

    static List<Occurrence> provisions(String prefix, int n, Instant at) {
        var occurrences = new ArrayList<Occurrence>();
        for (int i = 1; i <= n; i++) {
            occurrences.add(LedgerLoad.occurrence(prefix + i, "partner-share", at));
        }
        return occurrences;
    }

    /** Waits until the checkpoint at record {@code seq} is published on Kafka (the outbox sends it after its commit). */
    void awaitAnchor(long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.app.getBean(PublishedCheckpoints.class).read()
                .map(published -> published.containsKey(seq)).orElse(false));
    }

    @Test
    void theServiceCannotChangeOrRemoveARecordAndTamperingIsFoundAndNamed() throws Exception {
        record(provisions("t-", 5, Instant.now()));
        awaitAnchor(3);
        var service = ledger.app.getBean(DataSource.class);
        try (Connection c = service.getConnection(); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update ledger_record set counterparty_name = 'x' where seq = 1"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from ledger_record where seq = 1")).hasMessageContaining("permission denied");
        }
        // Even the owner cannot, while the triggers stand.
        assertThatThrownBy(() -> ledger.execute("update ledger_record set counterparty_name = 'x' where seq = 1"))
                .hasMessageContaining("append-only");
        var intact = ledger.json("auditor", "POST", "/api/records/verify", null);
        assertThat(intact.path("problemCount").asLong()).as(intact.toString()).isZero();
        assertThat(intact.path("records").asLong()).isEqualTo(5);
        assertThat(intact.path("segments").asInt()).as("walked in three stretches at once").isEqualTo(3);
        assertThat(intact.path("anchorsChecked").asLong()).as("the checkpoint published on Kafka at record 3").isEqualTo(1);

        // A superuser who switches the triggers off: modify record 2, delete record 3.
        ledger.execute("set session_replication_role = replica",
                "update ledger_record set counterparty_name = '別の会社' where seq = 2",
                "delete from ledger_record where seq = 3");
        var report = ledger.json("auditor", "POST", "/api/records/verify", null);
        assertThat(problems(report)).anySatisfy(p -> assertThat(p).startsWith("record 2 was modified"));
        assertThat(problems(report)).anySatisfy(p -> assertThat(p).startsWith("record 3 is missing and no purge removed it"));
        // An auditor reading in Japanese gets the same findings in Japanese.
        var japanese = LedgerHarness.JSON.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(ledger.base + "/api/records/verify"))
                .header("Authorization", jp.daicho.testkit.DemoUsers.basic("auditor")).header("Accept-Language", "ja")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8)).body());
        assertThat(problems(japanese)).anySatisfy(p -> assertThat(p).startsWith("記録 2 は変更されています"))
                .anySatisfy(p -> assertThat(p).startsWith("記録 3 がなく、廃棄によるものでもありません"));
        assertThat(ledger.json("dpo", "GET", "/api/records/status", null).path("lastVerification").path("problems").asLong())
                .isEqualTo(report.path("problemCount").asLong());
    }

    @Test
    void thePurgeRemovesOnlyExpiredRecordsAndTheChainStaysVerifiable() throws Exception {
        // A chain whose checkpoint at record 3 is published; then a superuser wipes the ledger and its stored
        // checkpoints to start afresh: the checkpoint on Kafka still tells, and nothing else does.
        record(provisions("gone-", 3, Instant.now()));
        awaitAnchor(3);
        ledger.execute("set session_replication_role = replica", "delete from ledger_record", "delete from ledger_checkpoint",
                "delete from occurrence", "delete from rejection");
        Instant now = Instant.now();
        Instant fourYearsAgo = now.minus(4 * 366, ChronoUnit.DAYS);
        Instant twoYearsAgo = now.minus(2 * 366, ChronoUnit.DAYS);
        record(List.of(
                LedgerLoad.occurrence("old-1", "partner-share", fourYearsAgo),        // each time, 3 years: expired
                LedgerLoad.occurrence("old-2", "partner-share", fourYearsAgo),        // expired
                LedgerLoad.occurrence("recent", "partner-share", twoYearsAgo),        // kept
                LedgerLoad.occurrence("contract", "shop-contract", twoYearsAgo),      // contract, 1 year: expired
                LedgerLoad.occurrence("batch-old", "monthly-feed", fourYearsAgo),     // batch, but its group continues:
                LedgerLoad.occurrence("batch-new", "monthly-feed", now)));            // kept, both
        var report = ledger.app.getBean(PurgeExpired.class).purge("admin", now);
        assertThat(report.removed()).isEqualTo(3);
        assertThat(report.ranges()).containsExactly("1–2", "4");
        assertThat(ledger.count("select count(*) from ledger_record")).isEqualTo(3);
        assertThat(ledger.count("select count(*) from purge_mark")).isEqualTo(2);
        var verified = ledger.json("auditor", "POST", "/api/records/verify", null);
        assertThat(problems(verified)).as(verified.toString()).containsExactly(REWRITTEN_BEFORE_3);
        assertThat(verified.path("headSeq").asLong()).isEqualTo(6);
        assertThat(ledger.json("auditor", "GET", "/api/records/status", null).path("records").asLong()).isEqualTo(3);

        // Records recorded after a purge continue the chain, past record 10 (the verifier once read them in text order).
        var more = new ArrayList<>(provisions("after-purge-", 12, now));
        // Tabs, newlines, backslashes and quotes in a record's text survive the chain, the verifier and the exports.
        String awkward = "after-purge-tab\t-backslash\\-quote\"-newline\n-end";
        more.add(LedgerLoad.occurrence(awkward, "partner-share", now));
        record(more);
        assertThat(problems(ledger.json("auditor", "POST", "/api/records/verify", null))).containsExactly(REWRITTEN_BEFORE_3);
        // The head gets an anchor of its own without waiting for the next periodic checkpoint.
        var heads = ledger.app.getBean(Checkpoints.class);
        assertThat(heads.checkpointHead()).contains(19L);
        assertThat(heads.checkpointHead()).as("nothing new since").isEmpty();
        var anchored = ledger.json("auditor", "POST", "/api/records/verify", null);
        assertThat(problems(anchored)).containsExactly(REWRITTEN_BEFORE_3);
        assertThat(anchored.path("headSeq").asLong()).isEqualTo(19);
        assertThat(ledger.json("auditor", "GET", "/api/records?limit=1", null).get(0).path("eventId").asString())
                .isEqualTo(awkward);
        assertThat(ledger.call("dpo", "GET", "/api/records/export?format=csv", null).body())
                .contains("\"consent#after-purge-tab\t-backslash\\-quote\"\"-newline\n-end\"");
        assertThat(ledger.call("engineer", "POST", "/api/records/purge", null).statusCode()).isEqualTo(403);
        assertThat(ledger.json("admin", "POST", "/api/records/purge", null).path("removed").asLong()).isZero();
    }
}
