package jp.daicho.ledger.recording;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What became of the occurrences of a period (days in Japan): accepted (recorded or exempt, with why), and refused. */
@Repository
public class OccurrenceSummary {

    /** The occurrences of a period: accepted (recorded or exempt, with why), and refused (by rule). */
    public record Summary(List<Accepted> accepted, List<Refused> rejected) {
    }

    public record Accepted(String pipelineId, String direction, String legalBasis, String outcome, String explanation,
                           long occurrences) {
    }

    public record Refused(String pipelineId, String rule, long occurrences, Instant last) {
    }

    private final JdbcClient jdbc;

    OccurrenceSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Summary of(LocalDate from, LocalDate to) {
        Timestamp start = JapanDays.start(from);
        Timestamp end = JapanDays.end(to);
        var accepted = jdbc.sql("""
                select pipeline_id, direction, legal_basis, outcome, explanation, count(*) as occurrences
                from occurrence where (cast(? as timestamptz) is null or occurred_at >= ?) and (cast(? as timestamptz) is null or occurred_at < ?)
                group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
                """).params(start, start, end, end).query((rs, n) -> new Accepted(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6))).list();
        var refused = jdbc.sql("""
                select pipeline_id, rule, count(*) as occurrences, max(rejected_at) as last
                from rejection where (cast(? as timestamptz) is null or rejected_at >= ?) and (cast(? as timestamptz) is null or rejected_at < ?)
                group by 1, 2 order by 1, 2
                """).params(start, start, end, end).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getTimestamp(4).toInstant())).list();
        return new Summary(accepted, refused);
    }
}
