package jp.daicho.ledger;

import static jp.daicho.ledger.LedgerHarness.OCCURRENCES;
import static jp.daicho.ledger.LedgerHarness.pipeline;
import static jp.daicho.ledger.LedgerHarness.problems;
import static jp.daicho.ledger.LedgerHarness.provided;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * Issue 15: two ledger instances in one consumer group on one database while occurrences flow, one of them stopped
 * mid-stream: every occurrence is recorded once, and the chain stays one chain that verifies. The occurrence topic has
 * one partition (the chain is one sequence), so one instance appends while the other stands by and serves the API;
 * appends of both would serialize on the chain head's lock anyway.
 */
@UsesRealInfrastructure
class LedgerScaleOutIT {

    static final String DB = "ledger_scale_out";
    static final String GROUP = "ledger-scale-out";
    static final int OCCURRENCES_SENT = 120;

    @Test
    void whenTheInstanceAppendingStopsMidStreamTheOtherGoesOnWithOneChainAndEveryOccurrenceOnce() throws Exception {
        var admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.shared().kafkaBootstrapServers()));
        var first = LedgerHarness.start(DB, GROUP, Map.of());
        // Each instance is several consumers of the group (one per listener).
        int[] seen = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = members(admin);
            boolean settled = now > 0 && now == seen[0];
            seen[0] = now;
            return settled;
        });
        int perInstance = seen[0];
        var second = LedgerHarness.start(DB, GROUP, Map.of());
        try (admin) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(members(admin))
                    .as("both instances in the group").isEqualTo(2 * perInstance));
            first.knows(List.of(pipeline("scale-share", "CONSENT", "EACH_TIME", "JP", null, List.of("name", "email"))));
            var now = Instant.now();
            for (int i = 0; i < OCCURRENCES_SENT; i++) {
                second.send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("scale-" + i, "scale-share", now.plusMillis(i))
                        .setDataItems(List.of("name", "email")).build()));
                if (i == OCCURRENCES_SENT / 2) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> second.count(
                            "select count(*) from ledger_record where event_id like 'scale-%'") > 0);
                    first.close(); // mid-stream: whichever of the two was appending, the group goes on with one
                }
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(second.count(
                    "select count(*) from ledger_record where event_id like 'scale-%'")).isEqualTo(OCCURRENCES_SENT));
            assertThat(second.count("select count(distinct event_id) from ledger_record where event_id like 'scale-%'"))
                    .as("each occurrence once").isEqualTo(OCCURRENCES_SENT);
            assertThat(second.count("select count(*) from ledger_record r where not exists "
                    + "(select 1 from ledger_record p where p.seq = r.seq - 1 and p.hash = r.prev_hash)"))
                    .as("one chain: every record but the first follows the one before it").isEqualTo(1);
            var report = second.json("auditor", "POST", "/api/records/verify", null);
            assertThat(problems(report)).as(report.toString()).isEmpty();
            assertThat(report.path("records").asLong()).isEqualTo(second.count("select count(*) from ledger_record"));
        } finally {
            first.close(); // again, if the test failed before: closing twice does nothing
            second.close();
        }
    }

    static int members(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().size();
    }
}
