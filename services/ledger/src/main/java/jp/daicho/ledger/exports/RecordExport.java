package jp.daicho.ledger.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.daicho.ledger.subjects.SubjectVault;
import jp.daicho.schemas.Taxonomy;
import jp.daicho.web.Downloads;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams statutory records to auditors (CSV for Excel in Japan with the statutory item names, or JSON
 * Lines) from a cursor, so that memory stays flat however many records match. The file ends with a
 * verification line: SHA-256 of every byte before it and the number of records, also kept in the export
 * log with who asked, when, and for what.
 */
@Service
public class RecordExport {

    /** Which records: every part optional. The data subject is looked up by pseudonym, never stored raw. */
    public record Filter(LocalDate from, LocalDate to, String recipient, String pipeline, String basis, String kind,
                         String subjectKey) {
    }

    public enum Format { CSV, JSONL }

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final List<String> HEADERS = List.of("記録番号", "記録の種類", "提供又は受領の年月日", "根拠", "記録の作成方法",
            "第三者の氏名又は名称", "住所", "代表者の氏名", "所在国", "本人の同意を得ている旨", "取得の経緯",
            "個人情報保護委員会による公表", "本人を特定するに足りる事項", "本人の仮名ID", "個人データの項目",
            "パイプライン", "イベントID", "保存期限", "記録日時", "記録ハッシュ");
    /** The disclosure to the data subject adds what identifies them, opened from the sealed record. */
    static final String SUBJECT_ITEMS_HEADER = "本人を特定するに足りる事項（内容）";

    private static final Map<String, String> KIND = Map.of("PROVISION", "第三者提供に係る記録（法第29条）",
            "RECEIPT", "第三者提供を受ける際の確認に係る記録（法第30条）");
    private static final Map<String, String> BASIS = Map.of("CONSENT", "本人の同意（法第27条第1項）",
            "OPT_OUT", "オプトアウト（法第27条第2項）");
    private static final Map<String, String> MODE = Map.of("EACH_TIME", "都度", "BATCH", "一括",
            "CONTRACT_SUBSTITUTE", "契約書等による代替");

    private static final String SQL = """
            with groups as (
                select retention_group, max(occurred_at) as last_provision from ledger_record
                where retention_group is not null group by retention_group
            )
            select r.*, coalesce(g.last_provision, r.occurred_at) + make_interval(years => r.retention_years) as deadline
            from ledger_record r left join groups g on g.retention_group = r.retention_group
            where (cast(? as timestamptz) is null or r.occurred_at >= ?)
              and (cast(? as timestamptz) is null or r.occurred_at < ?)
              and (cast(? as text) is null or r.counterparty_name = ?)
              and (cast(? as text) is null or r.pipeline_id = ?)
              and (cast(? as text) is null or r.legal_basis = ?)
              and (cast(? as text) is null or r.kind = ?)
              and (cast(? as text) is null or r.subject_pseudonym = ?)
            order by r.seq
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final SubjectVault vault;
    private final JsonMapper json = JsonMapper.builder().build();

    RecordExport(DataSource dataSource, JdbcClient jdbc, SubjectVault vault) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** Logs the export before it starts (who, when, what for) and returns its id. */
    public long log(String by, String kind, Format format, Filter filter) {
        var described = new LinkedHashMap<String, Object>();
        described.put("from", filter.from());
        described.put("to", filter.to());
        described.put("recipient", filter.recipient());
        described.put("pipeline", filter.pipeline());
        described.put("basis", filter.basis());
        described.put("kind", filter.kind());
        described.put("subjectPseudonym", filter.subjectKey() == null ? null : vault.pseudonym(filter.subjectKey()));
        described.values().removeIf(java.util.Objects::isNull);
        return jdbc.sql("insert into export_log (exported_by, started_at, kind, format, filter) values (?, now(), ?, ?, ?) returning id")
                .params(by, kind, format.name(), json.writeValueAsString(described)).query(Long.class).single();
    }

    /**
     * Writes the matching records and the verification line; {@code disclose} adds the data subject's own
     * identifying items (only for a disclosure to that person, Art. 33(5)).
     */
    public void write(long exportId, Filter filter, Format format, boolean disclose, OutputStream stream) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var digesting = new DigestOutputStream(stream, sha256);
        Writer out = new BufferedWriter(new OutputStreamWriter(digesting, StandardCharsets.UTF_8), 256 * 1024);
        if (format == Format.CSV) {
            out.write(Downloads.BOM);
            var headers = new ArrayList<>(HEADERS);
            if (disclose) {
                headers.add(SUBJECT_ITEMS_HEADER);
            }
            Downloads.csvLine(out, headers);
        }
        long rows = stream(filter, rs -> {
            try {
                if (format == Format.CSV) {
                    Downloads.csvLine(out, csv(rs, disclose));
                } else {
                    out.write(json.writeValueAsString(jsonRow(rs, disclose)));
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        digesting.on(false);
        String digest = HexFormat.of().formatHex(sha256.digest());
        // The verification line is not part of what it digests.
        if (format == Format.CSV) {
            Downloads.csvLine(out, List.of("# SHA-256（この行より前の全バイト）", digest, "件数", Long.toString(rows)));
        } else {
            out.write("{\"sha256\":\"" + digest + "\",\"records\":" + rows + "}\n");
        }
        out.flush();
        jdbc.sql("insert into export_completed (export_id, completed_at, rows, sha256) values (?, now(), ?, ?)")
                .params(exportId, rows, digest).update();
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private long stream(Filter f, Row row) {
        Timestamp from = f.from() == null ? null : Timestamp.from(f.from().atStartOfDay(JAPAN).toInstant());
        Timestamp to = f.to() == null ? null : Timestamp.from(f.to().plusDays(1).atStartOfDay(JAPAN).toInstant());
        String pseudonym = f.subjectKey() == null ? null : vault.pseudonym(f.subjectKey());
        var template = new JdbcTemplate(dataSource);
        template.setFetchSize(5_000);
        long[] count = {0};
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status ->
                template.query(SQL, rs -> {
                    count[0]++;
                    row.accept(rs);
                }, from, from, to, to, f.recipient(), f.recipient(), f.pipeline(), f.pipeline(), f.basis(), f.basis(),
                        f.kind(), f.kind(), pseudonym, pseudonym));
        return count[0];
    }

    private List<String> csv(ResultSet rs, boolean disclose) throws SQLException {
        Boolean published = (Boolean) rs.getObject("opt_out_published");
        var cells = new ArrayList<String>(HEADERS.size() + 1);
        cells.add(Long.toString(rs.getLong("seq")));
        cells.add(KIND.get(rs.getString("kind")));
        cells.add(japanTime(rs.getTimestamp("occurred_at")));
        cells.add(BASIS.getOrDefault(rs.getString("legal_basis"), rs.getString("legal_basis")));
        cells.add(MODE.get(rs.getString("record_mode")));
        cells.add(rs.getString("counterparty_name"));
        cells.add(rs.getString("counterparty_address"));
        cells.add(rs.getString("counterparty_representative"));
        cells.add(rs.getString("counterparty_country"));
        cells.add(rs.getString("consent_reference"));
        cells.add(rs.getString("acquisition"));
        cells.add(published == null ? "" : published ? "公表済み" : "未公表");
        cells.add(rs.getString("subject_item_names").replace(",", "・") + "（暗号化して保管）");
        cells.add(rs.getString("subject_pseudonym"));
        cells.add(Arrays.stream(rs.getString("data_items").split(",")).map(Taxonomy::japanese).collect(Collectors.joining("、")));
        cells.add(rs.getString("pipeline_id"));
        cells.add(rs.getString("event_id"));
        cells.add(japanDate(rs.getTimestamp("deadline")));
        cells.add(japanTime(rs.getTimestamp("recorded_at")));
        cells.add(rs.getString("hash"));
        if (disclose) {
            cells.add(opened(rs).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        return cells;
    }

    private Map<String, Object> jsonRow(ResultSet rs, boolean disclose) throws SQLException {
        var m = new LinkedHashMap<String, Object>();
        m.put("seq", rs.getLong("seq"));
        m.put("kind", rs.getString("kind"));
        m.put("occurredAt", rs.getTimestamp("occurred_at").toInstant().toString());
        m.put("legalBasis", rs.getString("legal_basis"));
        m.put("recordMode", rs.getString("record_mode"));
        var counterparty = new LinkedHashMap<String, Object>();
        counterparty.put("name", rs.getString("counterparty_name"));
        counterparty.put("address", rs.getString("counterparty_address"));
        counterparty.put("representative", rs.getString("counterparty_representative"));
        counterparty.put("country", rs.getString("counterparty_country"));
        m.put("counterparty", counterparty);
        m.put("consentReference", rs.getString("consent_reference"));
        m.put("acquisition", rs.getString("acquisition"));
        m.put("optOutPublished", rs.getObject("opt_out_published"));
        m.put("subjectItemNames", List.of(rs.getString("subject_item_names").split(",")));
        m.put("subjectPseudonym", rs.getString("subject_pseudonym"));
        m.put("dataItems", List.of(rs.getString("data_items").split(",")));
        m.put("pipelineId", rs.getString("pipeline_id"));
        m.put("eventId", rs.getString("event_id"));
        m.put("retentionDeadline", japanDate(rs.getTimestamp("deadline")));
        m.put("recordedAt", rs.getTimestamp("recorded_at").toInstant().toString());
        m.put("hash", rs.getString("hash"));
        if (disclose) {
            m.put("subjectItems", opened(rs));
        }
        return m;
    }

    private Map<String, String> opened(ResultSet rs) throws SQLException {
        return vault.open(new SubjectVault.Sealed(rs.getString("subject_cipher"), rs.getString("key_id")));
    }

    private static String japanTime(Timestamp t) {
        return ZonedDateTime.ofInstant(t.toInstant(), JAPAN).format(DATE_TIME);
    }

    private static String japanDate(Timestamp t) {
        return ZonedDateTime.ofInstant(t.toInstant(), JAPAN).toLocalDate().toString();
    }
}
