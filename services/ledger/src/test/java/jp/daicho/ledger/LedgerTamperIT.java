package jp.daicho.ledger;

import static jp.daicho.ledger.LedgerHarness.pipeline;
import static jp.daicho.ledger.LedgerHarness.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.daicho.ledger.chain.ChainedRecord;
import jp.daicho.ledger.chain.HashChain;
import jp.daicho.ledger.chain.PublishedCheckpoints;
import jp.daicho.ledger.recording.Checkpoints;
import jp.daicho.ledger.recording.RecordOccurrences;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 §5: what the ledger's verification catches of a superuser's tampering beyond a modified or deleted record, and
 * what it cannot. Each scenario has a ledger of its own (checkpoints every 3 records, anchored on Kafka). The tamperer
 * here knows the hashing and recomputes it: the worst case a keyless hash chain faces.
 * <ul>
 * <li>caught: an inserted record, two swapped records, a rewritten stretch with recomputed hashes that an anchor
 * (a stored or published checkpoint) covers, a truncated table, a restored old backup;</li>
 * <li>not caught: records appended, or a tail rewritten with recomputed hashes, after the last anchor — until the next
 * anchor (every 10,000 records and every 5 minutes for the head) is written by the untampered service. A checkpoint
 * written by the tamperer's own ledger afterwards anchors the forgery, unless Kafka already holds one for that record.</li>
 * </ul>
 */
@UsesRealInfrastructure
class LedgerTamperIT {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    LedgerHarness ledger;

    @BeforeEach
    void start() {
        int n = SCENARIOS.incrementAndGet();
        ledger = LedgerHarness.start("ledger_tamper_" + n + "_" + ProcessHandle.current().pid(), "ledger-tamper-" + n + "-"
                + System.nanoTime(), Map.of("spring.kafka.consumer.auto-offset-reset", "latest"));
        ledger.knows(List.of(pipeline("partner-share", "CONSENT", null, "JP", null, List.of("name", "email"))));
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    /** {@code n} provisions recorded, and the anchor at record {@code anchored} published on Kafka. */
    void recorded(String prefix, int n, long anchored) {
        var occurrences = LedgerChainIT.provisions(prefix, n, Instant.now());
        ledger.app.getBean(RecordOccurrences.class).record(occurrences);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.app.getBean(PublishedCheckpoints.class).read()
                .map(published -> published.containsKey(anchored)).orElse(false));
    }

    /** The head anchored now (stored and published), as the service does every 5 minutes. */
    void anchorHead(long head) {
        assertThat(ledger.app.getBean(Checkpoints.class).checkpointHead()).contains(head);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.app.getBean(PublishedCheckpoints.class).read()
                .map(published -> published.containsKey(head)).orElse(false));
    }

    List<String> verified() throws Exception {
        JsonNode report = ledger.json("auditor", "POST", "/api/records/verify", null);
        return problems(report);
    }

    /**
     * As a superuser with the triggers off (session_replication_role = replica): runs {@code sql}, then recomputes every
     * hash from record {@code from} on, each following the one before, as the chain's own code computes it.
     */
    void tamper(long from, String... sql) throws Exception {
        var chain = new HashChain();
        try (Connection c = ledger.ledgerSchema(); var s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            for (String each : sql) {
                s.execute(each);
            }
            if (from <= 0) {
                return;
            }
            String prev = HashChain.GENESIS;
            try (var rs = s.executeQuery("select hash from ledger_record where seq = " + (from - 1))) {
                if (rs.next()) {
                    prev = rs.getString(1);
                }
            }
            var rows = new ArrayList<ChainedRecord>();
            try (var rs = s.executeQuery("select * from ledger_record where seq >= " + from + " order by seq")) {
                while (rs.next()) {
                    rows.add(record(rs));
                }
            }
            try (var update = c.prepareStatement("update ledger_record set prev_hash = ?, hash = ? where seq = ?")) {
                for (var r : rows) {
                    String hash = chain.hash(prev, r);
                    update.setString(1, prev);
                    update.setString(2, hash);
                    update.setLong(3, r.seq());
                    update.executeUpdate();
                    prev = hash;
                }
            }
        }
    }

    static ChainedRecord record(ResultSet rs) throws SQLException {
        return new ChainedRecord(rs.getLong("seq"), rs.getString("kind"), rs.getString("event_id"), rs.getString("pipeline_id"),
                rs.getString("legal_basis"), rs.getString("record_mode"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("counterparty_name"), rs.getString("counterparty_address"),
                rs.getString("counterparty_representative"), rs.getString("counterparty_country"), rs.getString("data_items"),
                rs.getString("consent_reference"), rs.getString("acquisition"), (Boolean) rs.getObject("opt_out_published"),
                rs.getString("subject_item_names"), rs.getString("subject_pseudonym"), rs.getString("subject_cipher"),
                rs.getString("key_id"), rs.getString("retention_group"), rs.getInt("retention_years"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("prev_hash"), rs.getString("hash"));
    }

    @Test
    void twoSwappedRecordsAreFoundWhetherOrNotTheirHashesAreRecomputed() throws Exception {
        recorded("swap-", 5, 3);
        // Swapping two records' contents, the numbers staying: each no longer gives its hash.
        String swap = "update ledger_record set event_id = case seq when 4 then (select event_id from ledger_record where seq = 5) "
                + "else (select event_id from ledger_record where seq = 4) end, occurred_at = case seq when 4 then "
                + "(select occurred_at from ledger_record where seq = 5) else (select occurred_at from ledger_record where seq = 4) end "
                + "where seq in (4, 5)";
        tamper(0, swap);
        assertThat(verified()).anySatisfy(p -> assertThat(p).startsWith("record 4 was modified"))
                .anySatisfy(p -> assertThat(p).startsWith("record 5 was modified"));
        // Swapped back, and the swap done again before the anchor at 3 with every hash recomputed: the anchor tells.
        tamper(0, swap);
        assertThat(verified()).isEmpty();
        tamper(2, swap.replace("seq = 5", "seq = 3").replace("seq = 4", "seq = 2").replace("when 4", "when 2")
                .replace("(4, 5)", "(2, 3)"));
        assertThat(verified()).anySatisfy(p -> assertThat(p).contains("record 3", "rewritten"));
    }

    @Test
    void anInsertedRecordIsFoundUnlessItAndEverythingAfterItLieBeyondTheLastAnchor() throws Exception {
        recorded("ins-", 5, 3);
        anchorHead(5);
        // A forged record pushed in at 4, the later ones renumbered and every hash from 4 recomputed: the anchor at 5
        // (stored and published) no longer matches.
        tamper(4, "update ledger_record set seq = seq + 1000 where seq >= 4",
                "update ledger_record set seq = seq - 999 where seq >= 1004",
                "insert into ledger_record select 4, kind, 'forged', pipeline_id, legal_basis, record_mode, occurred_at, "
                        + "'偽の提供先株式会社', counterparty_address, counterparty_representative, counterparty_country, data_items, "
                        + "consent_reference, acquisition, opt_out_published, subject_item_names, subject_pseudonym, subject_cipher, "
                        + "key_id, retention_group, retention_years, recorded_at, prev_hash, hash from ledger_record where seq = 3");
        assertThat(verified()).anySatisfy(p -> assertThat(p).contains("record 5", "rewritten"));
        // Without recomputing, the forged record does not even give its own hash.
        tamper(0, "update ledger_record set counterparty_name = '別の偽の提供先' where seq = 4");
        assertThat(verified()).anySatisfy(p -> assertThat(p).startsWith("record 4 was modified"));
    }

    /**
     * What a keyless chain cannot see: the records after the last anchor rewritten, and one appended, with their hashes
     * recomputed, verify as intact. Anchors bound the window: every 10,000 records, and the head every 5 minutes.
     */
    @Test
    void aTailRewrittenOrAppendedAfterTheLastAnchorWithRecomputedHashesIsNotCaught() throws Exception {
        recorded("tail-", 5, 3);
        tamper(4, "update ledger_record set counterparty_name = '偽の提供先株式会社' where seq = 5",
                "insert into ledger_record select 6, kind, 'appended', pipeline_id, legal_basis, record_mode, occurred_at, "
                        + "counterparty_name, counterparty_address, counterparty_representative, counterparty_country, data_items, "
                        + "consent_reference, acquisition, opt_out_published, subject_item_names, subject_pseudonym, subject_cipher, "
                        + "key_id, retention_group, retention_years, recorded_at, prev_hash, hash from ledger_record where seq = 5");
        assertThat(verified()).as("the documented limit of a chain without a key (docs/ledger.md)").isEmpty();
    }

    @Test
    void aTruncatedTableAndARestoredOldBackupAreFound() throws Exception {
        recorded("old-", 3, 3);
        ledger.execute("create table backup_of_records as select * from ledger_record");
        recorded("new-", 3, 6);
        // The backup taken at record 3 restored over the table: the anchor at 6 lies beyond the end.
        tamper(0, "delete from ledger_record", "insert into ledger_record select * from backup_of_records");
        assertThat(verified()).contains("checkpoint at record 6 is beyond the end of the chain (3): records at the end were removed",
                "the checkpoint published on Kafka at record 6 is beyond the end of the chain (3): records at the end were "
                        + "removed, and the stored checkpoints with them");
        // The table emptied with TRUNCATE: every anchor lies beyond an empty chain.
        tamper(0, "truncate ledger_record");
        assertThat(verified()).anySatisfy(p -> assertThat(p).startsWith("checkpoint at record 3 is beyond the end of the chain (0)"))
                .anySatisfy(p -> assertThat(p).startsWith("the checkpoint published on Kafka at record 6 is beyond the end"));
    }
}
