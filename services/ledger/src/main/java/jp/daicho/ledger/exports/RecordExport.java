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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.daicho.ledger.recording.JapanDays;
import jp.daicho.ledger.store.CopyOutRows;
import jp.daicho.subjects.SubjectVault;
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

        /**
         * The SQL condition (" where …", or nothing) matching these records: days are days in Japan, the subject's
         * key is turned into its {@code pseudonym}; values are quoted as literals (COPY takes no bind parameters).
         */
        String where(java.util.function.UnaryOperator<String> pseudonym) {
            var where = new ArrayList<String>();
            if (from != null) {
                where.add("occurred_at >= " + CopyOutRows.literal(JapanDays.start(from).toInstant()));
            }
            if (to != null) {
                where.add("occurred_at < " + CopyOutRows.literal(JapanDays.end(to).toInstant()));
            }
            equal(where, "counterparty_name", recipient);
            equal(where, "pipeline_id", pipeline);
            equal(where, "legal_basis", basis);
            equal(where, "kind", kind);
            equal(where, "subject_pseudonym", subjectKey == null ? null : pseudonym.apply(subjectKey));
            return where.isEmpty() ? "" : " where " + String.join(" and ", where);
        }

        private static void equal(List<String> where, String column, String value) {
            if (value != null) {
                where.add(column + " = " + CopyOutRows.literal(value));
            }
        }
    }

    public enum Format { CSV, JSONL }

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
            var headers = new ArrayList<>(RecordLines.HEADERS);
            if (disclose) {
                headers.add(RecordLines.SUBJECT_ITEMS_HEADER);
            }
            out.utf8(Downloads.BOM + csvLine(headers));
        }
        var row = new RecordLines(groupDeadlines(), disclose ? vault::open : null);
        long rows = stream(filter, RecordColumn.select(disclose), "order by seq", r -> {
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
        var rows = new RecordLines(groupDeadlines(), null);
        var json = new java.io.ByteArrayOutputStream();
        var out = new ByteSink(json, 64 * 1024);
        try {
            out.write('[');
            long[] n = {0};
            stream(filter, RecordColumn.select(false), "order by seq desc limit " + limit, r -> {
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
        String query = "select " + columns + " from ledger_record" + f.where(vault::pseudonym) + " " + order;
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
}
