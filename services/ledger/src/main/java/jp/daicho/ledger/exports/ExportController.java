package jp.daicho.ledger.exports;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.web.Downloads;
import jp.daicho.web.Rejected;

/**
 * Exports of the statutory records for auditors and DPOs: by period, recipient, pipeline, legal basis,
 * kind and data subject (the subject's key only in a POST body, so that it appears in no URL or access
 * log); and the disclosure to one data subject of all records about them (Art. 33(5)). Every export is
 * logged before it starts and completed with its digest; {@code X-Daicho-Export-Id} names the log entry.
 */
@RestController
@RequestMapping("/api/records")
class ExportController {

    /** A POSTed export request. */
    record Request(LocalDate from, LocalDate to, String recipient, String pipeline, String basis, String kind,
                   String subjectKey, String format) {
    }

    private final RecordExport export;
    private final JdbcClient jdbc;

    ExportController(RecordExport export, JdbcClient jdbc) {
        this.export = export;
        this.jdbc = jdbc;
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) LocalDate from,
                                                 @RequestParam(required = false) LocalDate to,
                                                 @RequestParam(required = false) String recipient,
                                                 @RequestParam(required = false) String pipeline,
                                                 @RequestParam(required = false) String basis,
                                                 @RequestParam(required = false) String kind,
                                                 @RequestParam(defaultValue = "csv") String format, Principal who) {
        return start(new RecordExport.Filter(from, to, recipient, pipeline, basis, kind, null), format, false, who);
    }

    @PostMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestBody Request r, Principal who) {
        return start(new RecordExport.Filter(r.from(), r.to(), r.recipient(), r.pipeline(), r.basis(), r.kind(),
                blankToNull(r.subjectKey())), r.format() == null ? "csv" : r.format(), false, who);
    }

    /** All records about one data subject, with their identifying items opened: for a disclosure to that person. */
    @PostMapping("/disclosure")
    ResponseEntity<StreamingResponseBody> disclosure(@RequestBody Request r, Principal who) {
        if (blankToNull(r.subjectKey()) == null) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "開示には本人を特定するキー（subjectKey）が必要です。例えば請求に書かれた会員番号。",
                    "A disclosure needs the data subject's key (subjectKey), e.g. the member number they quote in their request");
        }
        return start(new RecordExport.Filter(null, null, null, null, null, null, r.subjectKey()),
                r.format() == null ? "csv" : r.format(), true, who);
    }

    /** The newest matching records (at most {@code limit}), for a search on screen; logged as a search. */
    @GetMapping(produces = "application/json")
    String search(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  @RequestParam(required = false) String recipient, @RequestParam(required = false) String pipeline,
                  @RequestParam(required = false) String basis, @RequestParam(required = false) String kind,
                  @RequestParam(defaultValue = "100") int limit, Principal who) {
        if (limit < 1 || limit > 1000) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "limit は 1 から 1000 までです。それより多いときはエクスポートしてください。",
                    "limit must be between 1 and 1000; export for more");
        }
        var filter = new RecordExport.Filter(from, to, blankToNull(recipient), blankToNull(pipeline), blankToNull(basis),
                blankToNull(kind), null);
        export.log(who.getName(), "SEARCH", RecordExport.Format.JSONL, filter);
        return export.search(filter, limit);
    }

    /**
     * One export or search of the records: who, when, what kind (AUDIT, DISCLOSURE, SEARCH), the format and the
     * filter asked for, and, once it completed, how many rows and the SHA-256 of exactly what was sent.
     */
    record ExportLogEntry(long id, String exportedBy, Instant startedAt, String kind, String format, String filter,
                          Instant completedAt, Long rows, String sha256) {
    }

    /** The export log: who exported what, when, and the digest of what they received. */
    @GetMapping("/exports")
    List<ExportLogEntry> log() {
        return jdbc.sql("""
                select l.id, l.exported_by, l.started_at, l.kind, l.format, l.filter, c.completed_at, c.rows, c.sha256
                from export_log l left join export_completed c on c.export_id = l.id order by l.id desc limit 1000
                """).query((rs, n) -> new ExportLogEntry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), (Long) rs.getObject(8), rs.getString(9)))
                .list();
    }

    private ResponseEntity<StreamingResponseBody> start(RecordExport.Filter filter, String format, boolean disclose, Principal who) {
        var f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> RecordExport.Format.CSV;
            case "jsonl" -> RecordExport.Format.JSONL;
            default -> throw new Rejected(HttpStatus.BAD_REQUEST, "format は csv 又は jsonl です（'" + format + "' ではなく）。",
                    "format must be csv or jsonl, not '" + format + "'");
        };
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "終了日 'to'（" + filter.to() + "）が開始日 'from'（" + filter.from() + "）より前です。",
                    "'to' (" + filter.to() + ") is before 'from' (" + filter.from() + ")");
        }
        String kind = disclose ? "DISCLOSURE" : "AUDIT";
        long id = export.log(who.getName(), kind, f, filter);
        var headers = new HttpHeaders();
        headers.add("X-Daicho-Export-Id", Long.toString(id));
        String file = (disclose ? "disclosure-" : "provision-records-") + LocalDate.now(jp.daicho.ledger.recording.JapanDays.JAPAN) + "-" + id
                + (f == RecordExport.Format.CSV ? ".csv" : ".jsonl");
        return Downloads.attachment(file, f == RecordExport.Format.CSV ? Downloads.CSV : MediaType.parseMediaType("application/jsonl"),
                out -> export.write(id, filter, f, disclose, out), headers);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
