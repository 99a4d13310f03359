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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.daicho.ledger.recording.JapanDays;
import jp.daicho.ledger.store.CopyOutRows;
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

    static final ZoneId JAPAN = JapanDays.JAPAN;

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

    /**
     * The columns in the order {@link Rows#csv} and {@link Rows#json} read them (from 0); times as epoch
     * milliseconds. The sealed identifying items are read only for a disclosure ({@link #DISCLOSURE}): an
     * auditor's export has no use for them, and they are a fifth of a record's bytes.
     */
    private static final String COLUMNS = """
            seq, kind, round(date_part('epoch', occurred_at) * 1000)::bigint, legal_basis, record_mode, counterparty_name,
            counterparty_address, counterparty_representative, counterparty_country, consent_reference, acquisition,
            opt_out_published, subject_item_names, subject_pseudonym, data_items, pipeline_id, event_id,
            retention_group, retention_years, round(date_part('epoch', recorded_at) * 1000)::bigint, hash""";
    private static final String DISCLOSURE = COLUMNS + ", subject_cipher, key_id";

    /** The last provision of each batch or contract group, whose retention runs from it. */
    private static final String GROUPS = """
            select retention_group, round(date_part('epoch', max(occurred_at)) * 1000)::bigint from ledger_record
            where retention_group is not null group by retention_group
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
        var bytes = new java.io.BufferedOutputStream(digesting, 256 * 1024);
        Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 64 * 1024);
        if (format == Format.CSV) {
            out.write(Downloads.BOM);
            var headers = new ArrayList<>(HEADERS);
            if (disclose) {
                headers.add(SUBJECT_ITEMS_HEADER);
            }
            Downloads.csvLine(out, headers);
            out.flush(); // the rows go to the byte stream directly
        }
        var row = new Rows(groupDeadlines(), disclose);
        long rows = stream(filter, disclose ? DISCLOSURE : COLUMNS, "order by seq", r -> {
            if (format == Format.CSV) {
                row.csv(r, bytes);
            } else {
                row.json(r, out);
            }
        });
        out.flush();
        bytes.flush();
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

    /**
     * The newest {@code limit} matching records as a JSON array, each as in the JSON Lines export (no
     * identifying items: pseudonym and item names). Logged like an export, as a search.
     */
    public String search(Filter filter, int limit) {
        var rows = new Rows(groupDeadlines(), false);
        var out = new java.io.StringWriter();
        out.write('[');
        long[] n = {0};
        stream(filter, COLUMNS, "order by seq desc limit " + limit, r -> {
            if (n[0]++ > 0) {
                out.write(',');
            }
            rows.json(r, out);
        });
        out.write(']');
        return out.toString();
    }

    /** When each batch or contract group's retention starts: its last provision (few groups, read before a stream). */
    private Map<String, Long> groupDeadlines() {
        var groups = new java.util.HashMap<String, Long>();
        jdbc.sql(GROUPS).query(rs -> {
            groups.put(rs.getString(1), rs.getLong(2));
        });
        return groups;
    }

    /** Streams the matching records' {@code columns}, in {@code order}, to {@code handler}; returns how many. */
    private long stream(Filter f, String columns, String order, CopyOutRows.Handler handler) {
        var where = new ArrayList<String>();
        if (f.from() != null) {
            where.add("occurred_at >= " + CopyOutRows.literal(JapanDays.start(f.from()).toInstant()));
        }
        if (f.to() != null) {
            where.add("occurred_at < " + CopyOutRows.literal(JapanDays.end(f.to()).toInstant()));
        }
        equal(where, "counterparty_name", f.recipient());
        equal(where, "pipeline_id", f.pipeline());
        equal(where, "legal_basis", f.basis());
        equal(where, "kind", f.kind());
        equal(where, "subject_pseudonym", f.subjectKey() == null ? null : vault.pseudonym(f.subjectKey()));
        String query = "select " + columns + " from ledger_record" + (where.isEmpty() ? "" : " where "
                + String.join(" and ", where)) + " " + order;
        try (Connection c = dataSource.getConnection()) {
            return CopyOutRows.stream(c, query, handler);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the ledger: SQL state " + e.getSQLState(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void equal(List<String> where, String column, String value) {
        if (value != null) {
            where.add(column + " = " + CopyOutRows.literal(value));
        }
    }

    /**
     * Writes one record at a time as it comes from the cursor, with nothing but small caches kept: the
     * Japanese names of item lists and labels, and the group deadlines read before the stream.
     */
    private final class Rows {
        private final Map<String, Long> groups;
        private final boolean disclose;
        private final Map<String, String> itemNames = new java.util.HashMap<>();
        private final char[] time = new char[19];

        Rows(Map<String, Long> groups, boolean disclose) {
            this.groups = groups;
            this.disclose = disclose;
        }

        /**
         * One CSV line, written as bytes: the text columns go from the driver's UTF-8 to the file without
         * becoming strings (a cell is quoted, its quotes doubled, a leading = + - @ neutralised).
         */
        void csv(CopyOutRows.Row r, java.io.OutputStream out) throws IOException {
            long occurred = r.longValue(2);
            cell(out, r, 0, true);
            cell(out, label(KIND.get(r.string(1))), false);
            cell(out, japanTimeBytes(occurred), false);
            String basis = r.string(3);
            cell(out, label(BASIS.getOrDefault(basis, basis)), false);
            cell(out, label(MODE.get(r.string(4))), false);
            for (int column = 5; column <= 10; column++) {
                cell(out, r, column, false);
            }
            Boolean published = r.bool(11);
            cell(out, label(published == null ? "" : published ? "公表済み" : "未公表"), false);
            cell(out, label(itemNames.computeIfAbsent("s:" + r.string(12), k -> k.substring(2).replace(",", "・")
                    + "（暗号化して保管）")), false);
            cell(out, r, 13, false);
            cell(out, label(itemNames.computeIfAbsent(r.string(14), k -> Arrays.stream(k.split(","))
                    .map(Taxonomy::japanese).collect(Collectors.joining("、")))), false);
            cell(out, r, 15, false);
            cell(out, r, 16, false);
            cell(out, label(deadline(r, occurred).toString()), false);
            cell(out, japanTimeBytes(r.longValue(19)), false);
            cell(out, r, 20, false);
            if (disclose) {
                cell(out, opened(r).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ")).getBytes(StandardCharsets.UTF_8), false);
            }
            out.write('\r');
            out.write('\n');
        }

        /** A field of the row as a cell: straight from the line when nothing in it is escaped. */
        private static void cell(java.io.OutputStream out, CopyOutRows.Row r, int i, boolean first) throws IOException {
            if (r.isNull(i)) {
                cell(out, null, 0, 0, first);
            } else if (r.plain(i)) {
                cell(out, r.line(), r.start(i), r.end(i), first);
            } else {
                cell(out, r.bytes(i), first);
            }
        }

        private final Map<String, byte[]> labels = new java.util.HashMap<>();

        /** A repeated text (labels, dates) as UTF-8, made once. */
        private byte[] label(String text) {
            return labels.computeIfAbsent(text, t -> t.getBytes(StandardCharsets.UTF_8));
        }

        private static void cell(java.io.OutputStream out, byte[] utf8, boolean first) throws IOException {
            cell(out, utf8, 0, utf8 == null ? 0 : utf8.length, first);
        }

        /** Bytes {@code from..to} of {@code utf8} as a quoted cell, quotes doubled, a leading = + - @ neutralised. */
        private static void cell(java.io.OutputStream out, byte[] utf8, int from, int to, boolean first) throws IOException {
            if (!first) {
                out.write(',');
            }
            out.write('"');
            if (utf8 != null && to > from) {
                byte lead = utf8[from];
                if (lead == '=' || lead == '+' || lead == '-' || lead == '@') {
                    out.write('\'');
                }
                for (int i = from; i < to; i++) {
                    if (utf8[i] == '"') { // never part of a multi-byte UTF-8 sequence
                        out.write(utf8, from, i + 1 - from);
                        out.write('"');
                        from = i + 1;
                    }
                }
                out.write(utf8, from, to - from);
            }
            out.write('"');
        }

        void json(CopyOutRows.Row r, Writer out) throws IOException {
            long occurred = r.longValue(2);
            out.write("{\"seq\":");
            out.write(r.string(0));
            field(out, "kind", r.string(1));
            field(out, "occurredAt", java.time.Instant.ofEpochMilli(occurred).toString());
            field(out, "legalBasis", r.string(3));
            field(out, "recordMode", r.string(4));
            out.write(",\"counterparty\":{\"name\":");
            string(out, r.string(5));
            field(out, "address", r.string(6));
            field(out, "representative", r.string(7));
            field(out, "country", r.string(8));
            out.write('}');
            field(out, "consentReference", r.string(9));
            field(out, "acquisition", r.string(10));
            Boolean published = r.bool(11);
            out.write(",\"optOutPublished\":");
            out.write(String.valueOf(published));
            out.write(",\"subjectItemNames\":");
            array(out, r.string(12));
            field(out, "subjectPseudonym", r.string(13));
            out.write(",\"dataItems\":");
            array(out, r.string(14));
            field(out, "pipelineId", r.string(15));
            field(out, "eventId", r.string(16));
            field(out, "retentionDeadline", deadline(r, occurred).toString());
            field(out, "recordedAt", java.time.Instant.ofEpochMilli(r.longValue(19)).toString());
            field(out, "hash", r.string(20));
            if (disclose) {
                out.write(",\"subjectItems\":");
                out.write(json.writeValueAsString(opened(r)));
            }
            out.write("}\n");
        }

        /** Kept until: a fixed number of years after the provision, or after the last provision of its group. */
        private LocalDate deadline(CopyOutRows.Row r, long occurred) {
            String group = r.string(17);
            long from = group == null ? occurred : groups.getOrDefault(group, occurred);
            return java.time.Instant.ofEpochMilli(from).atZone(JAPAN).toLocalDate().plusYears(r.longValue(18));
        }

        private final byte[] timeBytes = new byte[19];

        /** {@link #japanTime} as ASCII bytes in a buffer reused for every cell (written at once, never kept). */
        private byte[] japanTimeBytes(long millis) {
            japanTime(millis);
            for (int i = 0; i < time.length; i++) {
                timeBytes[i] = (byte) time[i];
            }
            return timeBytes;
        }

        /** yyyy-MM-dd HH:mm:ss in Japan time (no daylight saving: UTC+9 always). */
        private String japanTime(long millis) {
            var t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000) + 9 * 3600, 0, java.time.ZoneOffset.UTC);
            digits(t.getYear(), 0, 4);
            time[4] = '-';
            digits(t.getMonthValue(), 5, 2);
            time[7] = '-';
            digits(t.getDayOfMonth(), 8, 2);
            time[10] = ' ';
            digits(t.getHour(), 11, 2);
            time[13] = ':';
            digits(t.getMinute(), 14, 2);
            time[16] = ':';
            digits(t.getSecond(), 17, 2);
            return new String(time);
        }

        private void digits(int value, int at, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                time[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }

        private Map<String, String> opened(CopyOutRows.Row r) {
            return vault.open(new SubjectVault.Sealed(r.string(21), r.string(22)));
        }
    }

    private static void field(Writer out, String name, String value) throws IOException {
        out.write(",\"");
        out.write(name);
        out.write("\":");
        string(out, value);
    }

    private static void array(Writer out, String commaSeparated) throws IOException {
        out.write('[');
        String[] parts = commaSeparated.split(",");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            string(out, parts[i]);
        }
        out.write(']');
    }

    /** A JSON string (or null): quotes, backslashes and control characters escaped. */
    private static void string(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("null");
            return;
        }
        out.write('"');
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.write(value, from, i - from);
                out.write(c < 0x20 ? String.format("\\u%04x", (int) c) : "\\" + c);
                from = i + 1;
            }
        }
        out.write(value, from, value.length() - from);
        out.write('"');
    }
}
