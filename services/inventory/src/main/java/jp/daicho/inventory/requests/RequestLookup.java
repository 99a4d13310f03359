package jp.daicho.inventory.requests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * The live lookup of a person's rows, for a request whose DPO permitted it: in every captured table of the plan, by its
 * key and identifier fields, how many rows hold the person's key. Read-only connections with a time limit per table;
 * the key is a bind parameter, never in a statement, a log line or a stored record. The answer goes to the DPO alone and
 * is not kept: the register records that a lookup was made, by whom and when, not what it found — so that "no row"
 * reveals nothing about the person to anyone else.
 */
@Service
@EnableConfigurationProperties(LookupProperties.class)
public class RequestLookup {

    private static final Logger log = LoggerFactory.getLogger(RequestLookup.class);

    /** What a table's lookup found. */
    public enum Outcome { ROWS, NO_ROW, NOT_LOOKED_IN, NO_LOOKUP_FIELD, TIMED_OUT, FAILED }

    /** One captured table: the fields compared with the key and how many rows matched (ROWS and NO_ROW only). */
    public record Table(String dataset, String system, List<String> fields, Outcome outcome, Long rows, String reason) {
    }

    /** {@code POST /api/requests/{id}/lookup}: for the DPO only, never stored. */
    public record Result(String request, Instant at, String by, int tablesLookedIn, int tablesWithRows, List<Table> tables,
                         String summaryJapanese, String summaryEnglish) {
    }

    private final JdbcClient jdbc;
    private final RequestRegister register;
    private final RequestPlan plans;
    private final Map<String, LookupProperties.Source> sources;
    private final int timeoutSeconds;

    RequestLookup(JdbcClient jdbc, RequestRegister register, RequestPlan plans, LookupProperties properties) {
        this.jdbc = jdbc;
        this.register = register;
        this.plans = plans;
        this.sources = properties.sources().stream().collect(Collectors.toMap(LookupProperties.Source::system,
                Function.identity(), (a, b) -> a));
        this.timeoutSeconds = (int) Math.max(1, properties.timeout().toSeconds());
    }

    /** The DPO permits a live lookup for this request: recorded with who and when. */
    @Transactional
    public SubjectRequest permit(String requestId, String by) {
        SubjectRequest request = register.find(requestId);
        if (!request.status().open()) {
            throw closed(request);
        }
        Instant now = Instant.now();
        jdbc.sql("update subject_request set lookup_permitted_by = ?, lookup_permitted_at = ? where id = ?")
                .params(by, Timestamp.from(now), requestId).update();
        register.history(requestId, now, by, "lookup-permitted", null);
        return register.find(requestId);
    }

    /**
     * Looks for the person's rows in the captured databases; the request must be open, identity-checked and permitted.
     * Not one transaction: the inventory's connection is not held while the sources answer (each view and the history
     * line commit on their own).
     */
    public Result run(String requestId, String by) {
        SubjectRequest request = register.find(requestId);
        if (!request.status().open()) {
            throw closed(request);
        }
        if (request.status() != SubjectRequest.Status.IDENTITY_CHECKED) {
            throw new Rejected(HttpStatus.CONFLICT, "本人確認の前に本人のデータを照会することはできません。先に POST /api/requests/" + requestId
                    + "/identity-check で確認を記録してください。", "No lookup of the person's data before the identity check: record it "
                    + "first (POST /api/requests/" + requestId + "/identity-check).");
        }
        String permitted = jdbc.sql("select lookup_permitted_by from subject_request where id = ?").param(requestId)
                .query(String.class).optional().orElse(null);
        if (permitted == null) {
            throw new Rejected(HttpStatus.CONFLICT, "この請求では照会が許可されていません。DPO が POST /api/requests/" + requestId
                    + "/lookup/permit で許可を記録してから照会してください。", "No live lookup has been permitted for this request: the DPO "
                    + "records the permission first (POST /api/requests/" + requestId + "/lookup/permit).");
        }
        String key = register.key(requestId, by, "lookup").strip();
        var plan = plans.of(requestId, by);
        var tables = new ArrayList<Table>();
        var bySystem = plan.datasets().stream().collect(Collectors.groupingBy(RequestPlan.Dataset::system,
                java.util.LinkedHashMap::new, Collectors.toList()));
        bySystem.forEach((system, datasets) -> tables.addAll(lookIn(system, datasets, key)));
        Instant now = Instant.now();
        int lookedIn = (int) tables.stream().filter(t -> t.outcome() == Outcome.ROWS || t.outcome() == Outcome.NO_ROW).count();
        int withRows = (int) tables.stream().filter(t -> t.outcome() == Outcome.ROWS).count();
        // What was done, not what it found.
        register.history(requestId, now, by, "lookup", lookedIn + " tables looked in");
        Words summary = withRows > 0
                ? new Words(withRows + " 表にご本人の行があります（" + lookedIn + " 表を照会）。",
                        "Rows of the person in " + withRows + " tables (" + lookedIn + " looked in).")
                : new Words("照会した " + lookedIn + " 表のいずれにも、このキーの行はありません。この結果は DPO にだけ示され、記録されません。",
                        "No row with this key in any of the " + lookedIn + " tables looked in. This answer is shown to the DPO "
                                + "only and is not kept.");
        return new Result(requestId, now, by, lookedIn, withRows, tables, summary.japanese(), summary.english());
    }

    private List<Table> lookIn(String system, List<RequestPlan.Dataset> datasets, String key) {
        var tables = new ArrayList<Table>();
        LookupProperties.Source source = sources.get(system);
        if (source == null) {
            for (var d : datasets) {
                tables.add(new Table(d.id(), system, d.lookupFields(), Outcome.NOT_LOOKED_IN,
                        null, "no daicho.requests.lookup.sources entry for system " + system));
            }
            return tables;
        }
        Dialect dialect = Dialect.of(source.url());
        try (Connection c = DriverManager.getConnection(source.url(), source.username(), source.password())) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                for (var d : datasets) {
                    tables.add(count(c, dialect, system, d, key));
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            String reason = "cannot reach system " + system + ": " + redacted(e, key);
            log.warn("Request lookup: {}", reason);
            for (var d : datasets) {
                if (tables.stream().noneMatch(t -> t.dataset().equals(d.id()))) {
                    tables.add(new Table(d.id(), system, d.lookupFields(), Outcome.FAILED, null, reason));
                }
            }
        }
        return tables;
    }

    private Table count(Connection c, Dialect dialect, String system, RequestPlan.Dataset d, String key) throws SQLException {
        if (d.lookupFields().isEmpty()) {
            return new Table(d.id(), system, List.of(), Outcome.NO_LOOKUP_FIELD, null, "no key or identifier field");
        }
        String[] name = d.id().substring(system.length() + 1).split("\\.", 2);
        if (name.length != 2) {
            return new Table(d.id(), system, d.lookupFields(), Outcome.FAILED, null, "not a <system>.<schema>.<table> name");
        }
        // As typed, and in its compatibility form (全角 Ｍ－０００１ is M-0001), both lower-cased.
        String where = d.lookupFields().stream().map(f -> "lower(cast(" + dialect.quote(f) + " as " + dialect.text + ")) in (?, ?)")
                .collect(Collectors.joining(" or "));
        String sql = "select count(*) from " + dialect.quote(name[0]) + "." + dialect.quote(name[1]) + " where " + where;
        try (var statement = c.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            String typed = key.toLowerCase(Locale.ROOT);
            String compatible = java.text.Normalizer.normalize(key, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            for (int i = 0; i < d.lookupFields().size(); i++) {
                statement.setString(2 * i + 1, typed);
                statement.setString(2 * i + 2, compatible);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                return new Table(d.id(), system, d.lookupFields(), rows > 0 ? Outcome.ROWS : Outcome.NO_ROW, rows, null);
            }
        } catch (SQLTimeoutException e) {
            return new Table(d.id(), system, d.lookupFields(), Outcome.TIMED_OUT, null, "over " + timeoutSeconds + " s");
        } catch (SQLException e) {
            // Another table's count can still run: the failed statement's transaction is rolled back and begun again.
            c.rollback();
            if ("57014".equals(e.getSQLState())) {
                return new Table(d.id(), system, d.lookupFields(), Outcome.TIMED_OUT, null, "over " + timeoutSeconds + " s");
            }
            return new Table(d.id(), system, d.lookupFields(), Outcome.FAILED, null, redacted(e, key));
        }
    }

    /** A driver's message without the key, should a driver ever quote a parameter. */
    static String redacted(SQLException e, String key) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String compatible = java.text.Normalizer.normalize(key, java.text.Normalizer.Form.NFKC);
        for (String form : List.of(key, key.toLowerCase(Locale.ROOT), compatible, compatible.toLowerCase(Locale.ROOT))) {
            if (!form.isEmpty()) {
                message = message.replace(form, "＊");
            }
        }
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static Rejected closed(SubjectRequest request) {
        return new Rejected(HttpStatus.CONFLICT, "請求 " + request.id() + " は完了しています（" + request.status().japanese() + "）。",
                "Request " + request.id() + " is closed (" + request.status().english() + ").");
    }

    /** How a database quotes a name and what a column is cast to for a comparison as text. */
    private record Dialect(char quote, String text) {

        static Dialect of(String url) {
            return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:") ? new Dialect('`', "char")
                    : new Dialect('"', "text");
        }

        String quote(String name) {
            String q = String.valueOf(quote);
            return q + name.replace(q, q + q) + q;
        }
    }
}
