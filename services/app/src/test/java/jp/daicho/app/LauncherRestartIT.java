package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.daicho.client.Inventory;
import jp.daicho.client.InventoryClient;
import jp.daicho.client.LedgerClient;
import jp.daicho.testkit.DemoUsers;

/**
 * Issue 15: the embedded default keeps its data. The launcher as {@code bin/daicho-app} runs it (embedded Kafka and
 * PostgreSQL, the demo, every service) is stopped and started again on the same data directory: the DPO's review, the
 * registered pipelines and parties and the ledger's records are all still there, and capture resumes instead of taking
 * the demo tables in again.
 */
class LauncherRestartIT {

    static LauncherOptions options(Path data) {
        return LauncherOptions.parse(new String[] {"--http-port=0", "--data-dir=" + data, "--demo-change-millis=60000"}, Map.of());
    }

    @Test
    void aRestartResumesWithEveryReviewPipelinePartyAndLedgerRecord(@TempDir Path data) throws Exception {
        Inventory.Reviewed reviewed;
        long records;
        int pipelines;
        int parties;
        int members;
        try (var first = Launcher.start(options(data))) {
            assertThat(first.data().resumed()).isFalse();
            var dpo = new InventoryClient(first.services().inventoryUrl(), () -> DemoUsers.basic("dpo"));
            reviewed = dpo.review("demo.public.members", "氏名",
                    new Inventory.ReviewRequest("CONFIRM", null, null, "再起動の前に確認"));
            pipelines = dpo.pipelines().size();
            parties = dpo.parties().size();
            members = dpo.dataset("demo.public.members", null).fields().size();
            var ledger = new LedgerClient(first.services().ledgerUrl(), () -> DemoUsers.basic("auditor"));
            records = ledger.status().records();
            assertThat(records).as("twelve provisions and the ad tag's Art. 31 confirmation").isEqualTo(13);
            assertThat(pipelines).isEqualTo(6);
        }

        try (var second = Launcher.start(options(data))) {
            assertThat(second.data().resumed()).isTrue();
            assertThat(second.banner()).contains("(resumed; --fresh starts over)");
            var dpo = new InventoryClient(second.services().inventoryUrl(), () -> DemoUsers.basic("dpo"));
            var name = dpo.dataset("demo.public.members", null).fields().stream().filter(f -> f.name().equals("氏名"))
                    .findFirst().orElseThrow().classification();
            assertThat(name.reviewState()).isEqualTo("CONFIRMED");
            assertThat(name.review().reason()).isEqualTo("再起動の前に確認");
            assertThat(name.review().by()).isEqualTo(reviewed.reviewedBy());
            assertThat(dpo.pipelines()).hasSize(pipelines);
            assertThat(dpo.parties()).hasSize(parties);
            var ledger = new LedgerClient(second.services().ledgerUrl(), () -> DemoUsers.basic("auditor"));
            assertThat(ledger.status().records()).isEqualTo(records);
            assertThat(ledger.verify().intact()).isTrue();
            // Capture resumed from its offsets: the demo tables were not taken in again as new versions or fields.
            var again = dpo.dataset("demo.public.members", null);
            assertThat(again.fields()).hasSize(members);
            assertThat(again.schemaVersion()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> dpo.status().sources().stream()
                    .anyMatch(s -> s.name().equals("demo") && s.ready()));
        }
    }
}
