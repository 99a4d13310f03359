package jp.daicho.ledger.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import jp.daicho.ledger.retention.Retention;
import jp.daicho.ledger.store.CopyOutRows;
import jp.daicho.ledger.subjects.SubjectVault;
import jp.daicho.vocabulary.Item;
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
     * The columns in the order {@link Rows#csv} and {@link Rows#json} read them (from 0). The sealed identifying
     * items are read only for a disclosure ({@link #DISCLOSURE}): an auditor's export has no use for them, and
     * they are a fifth of a record's bytes.
     */
    private static final String COLUMNS = """
            seq, kind, occurred_at, legal_basis, record_mode, counterparty_name, counterparty_address,
            counterparty_representative, counterparty_country, consent_reference, acquisition, opt_out_published,
            subject_item_names, subject_pseudonym, data_items, pipeline_id, event_id, retention_group, retention_years,
            recorded_at, hash""";
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
        var out = new ByteSink(digesting, 256 * 1024);
        if (format == Format.CSV) {
            var headers = new ArrayList<>(HEADERS);
            if (disclose) {
                headers.add(SUBJECT_ITEMS_HEADER);
            }
            out.utf8(Downloads.BOM + csvLine(headers));
        }
        var row = new Rows(groupDeadlines(), disclose);
        long rows = stream(filter, disclose ? DISCLOSURE : COLUMNS, "order by seq", r -> {
            if (format == Format.CSV) {
                row.csv(r, out);
            } else {
                row.json(r, out);
            }
        });
        out.flush();
        digesting.on(false);
        String digest = HexFormat.of().formatHex(sha256.digest());
        // The verification line is not part of what it digests.
        if (format == Format.CSV) {
            out.utf8(csvLine(List.of("# SHA-256（この行より前の全バイト）", digest, "件数", Long.toString(rows))));
        } else {
            out.ascii("{\"sha256\":\"" + digest + "\",\"records\":" + rows + "}\n");
        }
        out.flush();
        stream.flush();
        jdbc.sql("insert into export_completed (export_id, completed_at, rows, sha256) values (?, now(), ?, ?)")
                .params(exportId, rows, digest).update();
    }

    private static String csvLine(List<String> cells) throws IOException {
        var line = new java.io.StringWriter();
        Downloads.csvLine(line, cells);
        return line.toString();
    }

    /**
     * The newest {@code limit} matching records as a JSON array, each as in the JSON Lines export (no
     * identifying items: pseudonym and item names). Logged like an export, as a search.
     */
    public String search(Filter filter, int limit) {
        var rows = new Rows(groupDeadlines(), false);
        var json = new java.io.ByteArrayOutputStream();
        var out = new ByteSink(json, 64 * 1024);
        try {
            out.write('[');
            long[] n = {0};
            stream(filter, COLUMNS, "order by seq desc limit " + limit, r -> {
                if (n[0]++ > 0) {
                    out.write(',');
                }
                rows.json(r, out);
            });
            out.write(']');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString(StandardCharsets.UTF_8);
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
     * Writes one record at a time as it comes from the database, as bytes: text columns go from the
     * database's UTF-8 to the file without becoming strings. Nothing is kept but small memos of repeated
     * values (labels, item names, dates) and the group deadlines read before the stream.
     */
    private final class Rows {

        private static final int SEQ = 0;
        private static final int KIND_COLUMN = 1;
        private static final int OCCURRED_AT = 2;
        private static final int BASIS_COLUMN = 3;
        private static final int MODE_COLUMN = 4;
        private static final int COUNTERPARTY_NAME = 5;
        private static final int ACQUISITION = 10;
        private static final int OPT_OUT_PUBLISHED = 11;
        private static final int SUBJECT_ITEM_NAMES = 12;
        private static final int SUBJECT_PSEUDONYM = 13;
        private static final int DATA_ITEMS = 14;
        private static final int PIPELINE = 15;
        private static final int EVENT_ID = 16;
        private static final int RETENTION_GROUP = 17;
        private static final int RETENTION_YEARS = 18;
        private static final int RECORDED_AT = 19;
        private static final int HASH = 20;
        private static final int CIPHER = 21;
        private static final int KEY_ID = 22;
        private static final long DAY_MILLIS = 86_400_000L;
        private static final long JAPAN_OFFSET_MILLIS = 9 * 3_600_000L; // no daylight saving: UTC+9 always

        private final Map<String, Long> groups;
        private final boolean disclose;
        private final Memo kind = new Memo(k -> label(KIND.get(k)));
        private final Memo basis = new Memo(b -> label(BASIS.getOrDefault(b, b)));
        private final Memo mode = new Memo(m -> label(MODE.get(m)));
        private final Memo subjectItems = new Memo(k -> label(k.replace(",", "・") + "（暗号化して保管）"));
        private final Memo dataItems = new Memo(k -> label(Arrays.stream(k.split(",")).map(Item::japanese)
                .collect(Collectors.joining("、"))));
        private final Map<String, byte[]> labels = new java.util.HashMap<>();
        private final byte[] time = new byte[19];
        private final byte[] iso = new byte[24];
        private long memoDay = Long.MIN_VALUE;
        private final byte[] memoDate = new byte[10];
        private long deadlineFrom = Long.MIN_VALUE;
        private int deadlineYears;
        private byte[] deadline;

        Rows(Map<String, Long> groups, boolean disclose) {
            this.groups = groups;
            this.disclose = disclose;
        }

        /** One CSV line: every cell quoted, its quotes doubled, a leading = + - @ neutralised. */
        void csv(CopyOutRows.Row r, ByteSink out) throws IOException {
            long occurred = r.epochMillis(OCCURRED_AT);
            out.write('"');
            out.number(r.int8(SEQ));
            out.write('"');
            cell(out, kind.get(r, KIND_COLUMN));
            cell(out, japanTime(occurred), 0, time.length);
            cell(out, basis.get(r, BASIS_COLUMN));
            cell(out, mode.get(r, MODE_COLUMN));
            for (int column = COUNTERPARTY_NAME; column <= ACQUISITION; column++) {
                cell(out, r, column);
            }
            Boolean published = r.bool(OPT_OUT_PUBLISHED);
            cell(out, label(published == null ? "" : published ? "公表済み" : "未公表"));
            cell(out, subjectItems.get(r, SUBJECT_ITEM_NAMES));
            cell(out, r, SUBJECT_PSEUDONYM);
            cell(out, dataItems.get(r, DATA_ITEMS));
            cell(out, r, PIPELINE);
            cell(out, r, EVENT_ID);
            cell(out, deadline(r, occurred));
            cell(out, japanTime(r.epochMillis(RECORDED_AT)), 0, time.length);
            cell(out, r, HASH);
            if (disclose) {
                cell(out, opened(r).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ")).getBytes(StandardCharsets.UTF_8));
            }
            out.write('\r');
            out.write('\n');
        }

        private static void cell(ByteSink out, CopyOutRows.Row r, int i) throws IOException {
            if (r.isNull(i)) {
                out.write(',');
                out.write('"');
                out.write('"');
            } else {
                cell(out, r.buffer(), r.start(i), r.length(i));
            }
        }

        private static void cell(ByteSink out, byte[] utf8) throws IOException {
            cell(out, utf8, 0, utf8.length);
        }

        /** A cell after the first: bytes {@code from} … {@code from + n} of {@code utf8}. */
        private static void cell(ByteSink out, byte[] utf8, int from, int n) throws IOException {
            out.write(',');
            out.write('"');
            int to = from + n;
            if (n > 0) {
                byte lead = utf8[from];
                if (lead == '=' || lead == '+' || lead == '-' || lead == '@') {
                    out.write('\'');
                }
                // a quote is never part of a multi-byte UTF-8 sequence
                for (int i = ByteScan.quote(utf8, from, to); i >= 0; i = ByteScan.quote(utf8, from, to)) {
                    out.write(utf8, from, i + 1 - from);
                    out.write('"');
                    from = i + 1;
                }
                out.write(utf8, from, to - from);
            }
            out.write('"');
        }

        /** One JSON object and a newline. */
        void json(CopyOutRows.Row r, ByteSink out) throws IOException {
            long occurred = r.epochMillis(OCCURRED_AT);
            out.ascii("{\"seq\":");
            out.number(r.int8(SEQ));
            field(out, "kind", r, KIND_COLUMN);
            out.ascii(",\"occurredAt\":\"");
            out.write(isoInstant(occurred), 0, isoLength(occurred));
            out.write('"');
            field(out, "legalBasis", r, BASIS_COLUMN);
            field(out, "recordMode", r, MODE_COLUMN);
            out.ascii(",\"counterparty\":{\"name\":");
            string(out, r, COUNTERPARTY_NAME);
            field(out, "address", r, COUNTERPARTY_NAME + 1);
            field(out, "representative", r, COUNTERPARTY_NAME + 2);
            field(out, "country", r, COUNTERPARTY_NAME + 3);
            out.write('}');
            field(out, "consentReference", r, COUNTERPARTY_NAME + 4);
            field(out, "acquisition", r, ACQUISITION);
            out.ascii(",\"optOutPublished\":");
            out.ascii(String.valueOf(r.bool(OPT_OUT_PUBLISHED)));
            out.ascii(",\"subjectItemNames\":");
            array(out, r, SUBJECT_ITEM_NAMES);
            field(out, "subjectPseudonym", r, SUBJECT_PSEUDONYM);
            out.ascii(",\"dataItems\":");
            array(out, r, DATA_ITEMS);
            field(out, "pipelineId", r, PIPELINE);
            field(out, "eventId", r, EVENT_ID);
            out.ascii(",\"retentionDeadline\":\"");
            out.write(deadline(r, occurred));
            out.write('"');
            long recorded = r.epochMillis(RECORDED_AT);
            out.ascii(",\"recordedAt\":\"");
            out.write(isoInstant(recorded), 0, isoLength(recorded));
            out.write('"');
            field(out, "hash", r, HASH);
            if (disclose) {
                out.ascii(",\"subjectItems\":");
                out.utf8(json.writeValueAsString(opened(r)));
            }
            out.write('}');
            out.write('\n');
        }

        private static void field(ByteSink out, String name, CopyOutRows.Row r, int i) throws IOException {
            out.write(',');
            out.write('"');
            out.ascii(name);
            out.write('"');
            out.write(':');
            string(out, r, i);
        }

        /** A comma-separated text field as a JSON array of strings. */
        private static void array(ByteSink out, CopyOutRows.Row r, int i) throws IOException {
            out.write('[');
            byte[] b = r.buffer();
            int from = r.start(i);
            int end = from + r.length(i);
            for (int at = from; at <= end; at++) {
                if (at == end || b[at] == ',') {
                    if (from > r.start(i)) {
                        out.write(',');
                    }
                    string(out, b, from, at - from);
                    from = at + 1;
                }
            }
            out.write(']');
        }

        private static void string(ByteSink out, CopyOutRows.Row r, int i) throws IOException {
            if (r.isNull(i)) {
                out.ascii("null");
            } else {
                string(out, r.buffer(), r.start(i), r.length(i));
            }
        }

        /** A JSON string: quotes, backslashes and control characters escaped (UTF-8 passes as it is). */
        private static void string(ByteSink out, byte[] utf8, int from, int n) throws IOException {
            out.write('"');
            int to = from + n;
            for (int i = ByteScan.jsonSpecial(utf8, from, to); i >= 0; i = ByteScan.jsonSpecial(utf8, from, to)) {
                byte c = utf8[i];
                out.write(utf8, from, i - from);
                out.ascii(c < 0x20 ? String.format("\\u%04x", (int) c) : "\\" + (char) c);
                from = i + 1;
            }
            out.write(utf8, from, to - from);
            out.write('"');
        }

        /** Kept until ({@link Retention}): years after the provision, or after the last provision of its group, in Japan. */
        private byte[] deadline(CopyOutRows.Row r, long occurred) {
            long from = r.isNull(RETENTION_GROUP) ? occurred : groups.getOrDefault(r.string(RETENTION_GROUP), occurred);
            long day = Math.floorDiv(from + JAPAN_OFFSET_MILLIS, DAY_MILLIS);
            int years = r.int4(RETENTION_YEARS);
            if (day != deadlineFrom || years != deadlineYears) {
                deadlineFrom = day;
                deadlineYears = years;
                deadline = label(Retention.keptUntil(day, years).toString());
            }
            return deadline;
        }

        /** yyyy-MM-dd HH:mm:ss in Japan time, in a buffer reused for every cell (written at once, never kept). */
        private byte[] japanTime(long millis) {
            long local = millis + JAPAN_OFFSET_MILLIS;
            date(Math.floorDiv(local, DAY_MILLIS));
            System.arraycopy(memoDate, 0, time, 0, 10);
            time[10] = ' ';
            clock(time, 11, (int) (Math.floorMod(local, DAY_MILLIS) / 1000));
            return time;
        }

        /** The instant as ISO-8601 in UTC, as {@link java.time.Instant#toString()} writes it (milliseconds if any). */
        private byte[] isoInstant(long millis) {
            date(Math.floorDiv(millis, DAY_MILLIS));
            System.arraycopy(memoDate, 0, iso, 0, 10);
            iso[10] = 'T';
            long ofDay = Math.floorMod(millis, DAY_MILLIS);
            clock(iso, 11, (int) (ofDay / 1000));
            int fraction = (int) (ofDay % 1000);
            if (fraction != 0) {
                iso[19] = '.';
                digits(iso, 20, 3, fraction);
                iso[23] = 'Z';
            } else {
                iso[19] = 'Z';
            }
            return iso;
        }

        private static int isoLength(long millis) {
            return Math.floorMod(millis, DAY_MILLIS) % 1000 != 0 ? 24 : 20;
        }

        /** yyyy-MM-dd of an epoch day into {@link #memoDate}, remade only when the day changes. */
        private void date(long epochDay) {
            if (epochDay != memoDay) {
                memoDay = epochDay;
                var d = LocalDate.ofEpochDay(epochDay);
                digits(memoDate, 0, 4, d.getYear());
                memoDate[4] = '-';
                digits(memoDate, 5, 2, d.getMonthValue());
                memoDate[7] = '-';
                digits(memoDate, 8, 2, d.getDayOfMonth());
            }
        }

        private static void clock(byte[] into, int at, int secondOfDay) {
            digits(into, at, 2, secondOfDay / 3600);
            into[at + 2] = ':';
            digits(into, at + 3, 2, secondOfDay / 60 % 60);
            into[at + 5] = ':';
            digits(into, at + 6, 2, secondOfDay % 60);
        }

        private static void digits(byte[] into, int at, int width, int value) {
            for (int i = at + width - 1; i >= at; i--) {
                into[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }

        /** A repeated text (labels, dates) as UTF-8, made once. */
        private byte[] label(String text) {
            return labels.computeIfAbsent(text, t -> t.getBytes(StandardCharsets.UTF_8));
        }

        private Map<String, String> opened(CopyOutRows.Row r) {
            return vault.open(new SubjectVault.Sealed(r.string(CIPHER), r.string(KEY_ID)));
        }
    }

    /**
     * The bytes a field's value maps to, remembered for the last value seen: the ledger's kinds, bases, modes
     * and item lists repeat from one record to the next, so most records need no lookup and no string.
     */
    private static final class Memo {

        private final java.util.function.Function<String, byte[]> map;
        private byte[] key = new byte[0];
        private byte[] value;

        Memo(java.util.function.Function<String, byte[]> map) {
            this.map = map;
        }

        byte[] get(CopyOutRows.Row r, int i) {
            if (r.isNull(i)) {
                return map.apply(null);
            }
            int from = r.start(i);
            int n = r.length(i);
            if (value == null || !Arrays.equals(key, 0, key.length, r.buffer(), from, from + n)) {
                key = Arrays.copyOfRange(r.buffer(), from, from + n);
                value = map.apply(new String(key, StandardCharsets.UTF_8));
            }
            return value;
        }
    }
}
