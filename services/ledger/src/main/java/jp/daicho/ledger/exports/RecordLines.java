package jp.daicho.ledger.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.daicho.ledger.retention.Retention;
import jp.daicho.ledger.store.CopyOutRows;
import jp.daicho.subjects.SubjectVault;
import jp.daicho.vocabulary.Item;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export's lines, one record at a time as it comes from the database ({@link RecordColumn}'s columns), as bytes: text columns go from the
 * database's UTF-8 to the file without becoming strings. Nothing is kept but small memos of repeated
 * values (labels, item names, dates) and the group deadlines read before the stream.
 */
public final class RecordLines {

    /** The statutory items (施行規則 第20条・第24条) as CSV headers, in the order of {@link #csv}'s cells. */
    public static final List<String> HEADERS = List.of("記録番号", "記録の種類", "提供又は受領の年月日", "根拠", "記録の作成方法",
            "第三者の氏名又は名称", "住所", "代表者の氏名", "所在国", "本人の同意を得ている旨", "取得の経緯",
            "個人情報保護委員会による公表", "本人を特定するに足りる事項", "本人の仮名ID", "個人データの項目",
            "パイプライン", "イベントID", "保存期限", "記録日時", "記録ハッシュ");
    /** The disclosure to the data subject adds what identifies them, opened from the sealed record. */
    public static final String SUBJECT_ITEMS_HEADER = "本人を特定するに足りる事項（内容）";

    private static final Map<String, String> KIND = Map.of("PROVISION", "第三者提供に係る記録（法第29条）",
            "RECEIPT", "第三者提供を受ける際の確認に係る記録（法第30条）",
            "CONFIRMATION", "個人関連情報の提供に係る確認の記録（法第31条第3項、規則第28条）");
    private static final Map<String, String> BASIS = Map.of("CONSENT", "本人の同意（法第27条第1項）",
            "OPT_OUT", "オプトアウト（法第27条第2項）",
            "ART31", "個人関連情報の第三者提供（法第31条第1項、提供先による本人の同意）");
    private static final Map<String, String> MODE = Map.of("EACH_TIME", "都度", "BATCH", "一括",
            "CONTRACT_SUBSTITUTE", "契約書等による代替");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int SEQ = RecordColumn.SEQ.ordinal();
    private static final int KIND_COLUMN = RecordColumn.KIND.ordinal();
    private static final int OCCURRED_AT = RecordColumn.OCCURRED_AT.ordinal();
    private static final int BASIS_COLUMN = RecordColumn.LEGAL_BASIS.ordinal();
    private static final int MODE_COLUMN = RecordColumn.RECORD_MODE.ordinal();
    private static final int COUNTERPARTY_NAME = RecordColumn.COUNTERPARTY_NAME.ordinal();
    private static final int COUNTERPARTY_ADDRESS = RecordColumn.COUNTERPARTY_ADDRESS.ordinal();
    private static final int COUNTERPARTY_REPRESENTATIVE = RecordColumn.COUNTERPARTY_REPRESENTATIVE.ordinal();
    private static final int COUNTERPARTY_COUNTRY = RecordColumn.COUNTERPARTY_COUNTRY.ordinal();
    private static final int CONSENT_REFERENCE = RecordColumn.CONSENT_REFERENCE.ordinal();
    private static final int ACQUISITION = RecordColumn.ACQUISITION.ordinal();
    private static final int OPT_OUT_PUBLISHED = RecordColumn.OPT_OUT_PUBLISHED.ordinal();
    private static final int SUBJECT_ITEM_NAMES = RecordColumn.SUBJECT_ITEM_NAMES.ordinal();
    private static final int SUBJECT_PSEUDONYM = RecordColumn.SUBJECT_PSEUDONYM.ordinal();
    private static final int DATA_ITEMS = RecordColumn.DATA_ITEMS.ordinal();
    private static final int PIPELINE = RecordColumn.PIPELINE_ID.ordinal();
    private static final int EVENT_ID = RecordColumn.EVENT_ID.ordinal();
    private static final int RETENTION_GROUP = RecordColumn.RETENTION_GROUP.ordinal();
    private static final int RETENTION_YEARS = RecordColumn.RETENTION_YEARS.ordinal();
    private static final int RECORDED_AT = RecordColumn.RECORDED_AT.ordinal();
    private static final int HASH = RecordColumn.HASH.ordinal();
    private static final int CIPHER = RecordColumn.SUBJECT_CIPHER.ordinal();
    private static final int KEY_ID = RecordColumn.KEY_ID.ordinal();
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long JAPAN_OFFSET_MILLIS = 9 * 3_600_000L; // no daylight saving: UTC+9 always

    private final Map<String, Long> groups;
    private final Function<SubjectVault.Sealed, Map<String, String>> opener;
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

    /**
     * @param groups when each batch or contract group's retention starts (its last provision, epoch millis)
     * @param opener opens a record's sealed identifying items, for a disclosure to the data subject; null otherwise
     */
    public RecordLines(Map<String, Long> groups, Function<SubjectVault.Sealed, Map<String, String>> opener) {
        this.groups = groups;
        this.opener = opener;
        this.disclose = opener != null;
    }

    /** One CSV line: every cell quoted, its quotes doubled, a leading = + - @ neutralised. */
    public void csv(CopyOutRows.Row r, ByteSink out) throws IOException {
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
    public void json(CopyOutRows.Row r, ByteSink out) throws IOException {
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
        field(out, "address", r, COUNTERPARTY_ADDRESS);
        field(out, "representative", r, COUNTERPARTY_REPRESENTATIVE);
        field(out, "country", r, COUNTERPARTY_COUNTRY);
        out.write('}');
        field(out, "consentReference", r, CONSENT_REFERENCE);
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
            out.utf8(JSON.writeValueAsString(opened(r)));
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
        return opener.apply(new SubjectVault.Sealed(r.string(CIPHER), r.string(KEY_ID)));
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
