package jp.daicho.ledger.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.ledger.store.CopyData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The export's lines from rows as the database sends them, without a database: statutory wording, Japan time, escaping. */
class RecordLinesTest {

    /** 2026-04-01 23:30:00.250 in Japan: still 1 April there, 14:30 UTC. */
    private static final Instant OCCURRED = Instant.parse("2026-04-01T14:30:00.250Z");
    private static final Instant RECORDED = Instant.parse("2026-04-01T15:00:00Z");

    /** A record as stored, in {@link RecordColumn}'s order; {@code changes} replaces columns by name. */
    private static Object[] record(Map<RecordColumn, Object> changes) {
        var row = new Object[RecordColumn.values().length];
        Object[] values = {7L, "PROVISION", OCCURRED, "CONSENT", "EACH_TIME", "株式会社\"サンプル\"物流", "東京都千代田区1-1",
                "山田 太郎", "JP", "consent-2026-04", "=HYPERLINK(\"x\")", null, "name,email", "p-123", "name,email,address",
                "shipping-export", "evt-1", null, 3, RECORDED, "abc123", "sealed", "k1"};
        System.arraycopy(values, 0, row, 0, values.length);
        changes.forEach((column, value) -> row[column.ordinal()] = value);
        return row;
    }

    private static String lines(RecordLines lines, boolean csv, boolean disclose, Object[]... rows) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new ByteSink(bytes, 1024);
        var stored = new ArrayList<Object[]>();
        for (var row : rows) {
            stored.add(disclose ? row : Arrays.copyOf(row, RecordColumn.SUBJECT_CIPHER.ordinal()));
        }
        CopyData.feed(stored, r -> {
            if (csv) {
                lines.csv(r, out);
            } else {
                lines.json(r, out);
            }
        });
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCsvLineHasTheStatutoryWordingJapanTimeAndNoFormula() throws IOException {
        String line = lines(new RecordLines(Map.of(), null), true, false, record(Map.of()));
        assertThat(line).isEqualTo("\"7\",\"第三者提供に係る記録（法第29条）\",\"2026-04-01 23:30:00\",\"本人の同意（法第27条第1項）\","
                + "\"都度\",\"株式会社\"\"サンプル\"\"物流\",\"東京都千代田区1-1\",\"山田 太郎\",\"JP\",\"consent-2026-04\","
                + "\"'=HYPERLINK(\"\"x\"\")\",\"\",\"name・email（暗号化して保管）\",\"p-123\",\"氏名、メールアドレス、住所\","
                + "\"shipping-export\",\"evt-1\",\"2029-04-01\",\"2026-04-02 00:00:00\",\"abc123\"\r\n");
        assertThat(line.split("\",\"")).hasSize(RecordLines.HEADERS.size());
    }

    @Test
    void aGroupsRetentionRunsFromItsLastProvision() throws IOException {
        var lastOfGroup = Instant.parse("2027-06-30T16:00:00Z"); // 1 July 2027 in Japan
        var lines = new RecordLines(Map.of("batch-1", lastOfGroup.toEpochMilli()), null);
        String csv = lines(lines, true, false, record(Map.of(RecordColumn.RETENTION_GROUP, "batch-1",
                RecordColumn.OPT_OUT_PUBLISHED, true, RecordColumn.LEGAL_BASIS, "OPT_OUT", RecordColumn.RECORD_MODE, "BATCH")));
        assertThat(csv).contains("\"オプトアウト（法第27条第2項）\",\"一括\"", "\"公表済み\"", "\"2030-07-01\"");
    }

    @Test
    void aJsonLineIsValidJsonWithInstantsInUtcAndListsAsArrays() throws IOException {
        String jsonl = lines(new RecordLines(Map.of(), null), false, false,
                record(Map.of(RecordColumn.ACQUISITION, "改行\nと\u0001制御文字", RecordColumn.RECORDED_AT, RECORDED)),
                record(Map.of(RecordColumn.SEQ, 8L, RecordColumn.CONSENT_REFERENCE, "\\path")));
        var lines = jsonl.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JsonMapper.builder().build().readTree(lines[0]);
        assertThat(first.get("seq").asLong()).isEqualTo(7);
        assertThat(first.get("occurredAt").asString()).isEqualTo("2026-04-01T14:30:00.250Z");
        assertThat(first.get("recordedAt").asString()).isEqualTo("2026-04-01T15:00:00Z");
        assertThat(first.get("counterparty").get("name").asString()).isEqualTo("株式会社\"サンプル\"物流");
        assertThat(first.get("acquisition").asString()).isEqualTo("改行\nと\u0001制御文字");
        assertThat(first.get("optOutPublished").isNull()).isTrue();
        assertThat(first.get("dataItems").valueStream().map(JsonNode::asString)).containsExactly("name", "email", "address");
        assertThat(first.get("retentionDeadline").asString()).isEqualTo("2029-04-01");
        assertThat(first.has("subjectItems")).isFalse();
        assertThat(JsonMapper.builder().build().readTree(lines[1]).get("consentReference").asString()).isEqualTo("\\path");
    }

    @Test
    void aDisclosureOpensTheSealedItemsAndAnExportWithoutOneNeverDoes() throws IOException {
        var opened = new ArrayList<String>();
        var lines = new RecordLines(Map.of(), sealed -> {
            opened.add(sealed.cipher() + "/" + sealed.keyId());
            return Map.of("name", "山田 花子");
        });
        assertThat(lines(lines, true, true, record(Map.of()))).endsWith(",\"name: 山田 花子\"\r\n");
        assertThat(lines(lines, false, true, record(Map.of()))).contains("\"subjectItems\":{\"name\":\"山田 花子\"}");
        assertThat(opened).containsExactly("sealed/k1", "sealed/k1");
    }

    @Test
    void theFilterMatchesDaysInJapanAndQuotesEveryValue() {
        var filter = new RecordExport.Filter(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30), "O'Brien\\商事", null,
                null, "PROVISION", "member-42");
        assertThat(filter.where(key -> "pseudonym-of-" + key)).isEqualTo(" where occurred_at >= '2026-03-31T15:00:00Z'::timestamptz"
                + " and occurred_at < '2026-04-30T15:00:00Z'::timestamptz and counterparty_name = E'O''Brien\\\\商事'"
                + " and kind = E'PROVISION' and subject_pseudonym = E'pseudonym-of-member-42'");
        assertThat(new RecordExport.Filter(null, null, null, null, null, null, null).where(key -> key)).isEmpty();
    }
}
