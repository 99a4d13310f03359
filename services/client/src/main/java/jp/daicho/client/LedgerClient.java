package jp.daicho.client;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import jp.daicho.client.Ledger.ExportLogEntry;
import jp.daicho.client.Ledger.Occurrence;
import jp.daicho.client.Ledger.Outcomes;
import jp.daicho.client.Ledger.Overview;
import jp.daicho.client.Ledger.ProvisionRecord;
import jp.daicho.client.Ledger.Report;

/** The provision ledger's REST API (Art. 29/30 records), typed: each endpoint once, with the record it answers. */
public final class LedgerClient extends ServiceClient {

    public static final Endpoint<Overview> STATUS = Endpoint.get("/api/records/status", Overview.class);
    public static final Endpoint<Report> VERIFY = Endpoint.post("/api/records/verify", Report.class).within(Duration.ofMinutes(30));
    /** The newest matching records (a search, logged like an export); OpenAPI describes its body as a string. */
    public static final Endpoint<List<ProvisionRecord>> RECORDS = Endpoint.getList("/api/records", ProvisionRecord.class);
    public static final Endpoint<List<ExportLogEntry>> EXPORTS = Endpoint.getList("/api/records/exports", ExportLogEntry.class);
    public static final Endpoint<Void> EXPORT = Endpoint.get("/api/records/export", Void.class).within(Duration.ofHours(1));
    public static final Endpoint<Void> DISCLOSURE = Endpoint.post("/api/records/disclosure", Void.class).within(Duration.ofMinutes(10));
    /** Answers 422 with the same record when every occurrence was refused. */
    public static final Endpoint<Outcomes> REPORT = Endpoint.post("/api/occurrences", Outcomes.class).answering(422);

    /** Every endpoint with a JSON answer, for the contract test that holds them to the ledger's OpenAPI description. */
    public static final List<Endpoint<?>> ENDPOINTS = List.of(STATUS, VERIFY, EXPORTS, REPORT);

    /** The body of a disclosure: the data subject's key and the format. */
    record Disclosure(String subjectKey, String format) {
    }

    /** Which records: every part optional (dates are days in Japan). */
    public record Filter(LocalDate from, LocalDate to, String recipient, String basis) {

        Query query() {
            return Query.of().with("from", from).with("to", to).with("recipient", recipient).with("basis", basis);
        }
    }

    public LedgerClient(String baseUrl, Supplier<String> authorization) {
        this(baseUrl, authorization, null);
    }

    /** @param language the language refusals are worded in, asked per call (null: English) */
    public LedgerClient(String baseUrl, Supplier<String> authorization, Supplier<java.util.Locale> language) {
        super("the ledger", baseUrl, authorization, language);
    }

    public Overview status() {
        return api.get(STATUS, Query.of());
    }

    /** Verifies the whole chain (minutes for tens of millions of records). */
    public Report verify() {
        return api.send(VERIFY, null, null);
    }

    public List<ProvisionRecord> records(Filter filter, int limit) {
        return api.get(RECORDS, filter.query().with("limit", limit));
    }

    public List<ExportLogEntry> exports() {
        return api.get(EXPORTS, Query.of());
    }

    /** Streams an export ({@code csv} or {@code jsonl}, with its verification line) to {@code out}. */
    public void export(Filter filter, String format, OutputStream out) throws IOException {
        api.download(EXPORT, filter.query().with("format", format), out);
    }

    /**
     * Streams the disclosure to one data subject of every provision record about them (Art. 33(5)), their identifying
     * items opened: {@code csv} or {@code jsonl}. The DPO or an auditor; the ledger logs it as a DISCLOSURE export.
     */
    public void disclosure(String subjectKey, String format, OutputStream out) throws IOException {
        api.download(DISCLOSURE, new Disclosure(subjectKey, format), out);
    }

    public Outcomes report(List<Occurrence> occurrences) {
        return api.send(REPORT, occurrences, null);
    }
}
