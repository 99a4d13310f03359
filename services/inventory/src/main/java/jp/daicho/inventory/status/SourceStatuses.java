package jp.daicho.inventory.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each source database's status as capture last reported it, and whether it is ready: its changes stream and capture
 * reported within {@link #STALE_AFTER} (capture reports every 30 s, so a silence longer than that means capture is
 * down or cut off from Kafka).
 */
@Component
public class SourceStatuses {

    static final Duration STALE_AFTER = Duration.ofSeconds(90);

    /** A report, as capture sent it. */
    public record Reported(String source, String kind, String endpoint, String state, String problem, int tables,
                           Instant catalogReadAt, Instant lastChangeAt, Instant reportedAt) {
    }

    /**
     * A source as {@code GET /api/status} shows it.
     *
     * @param ready  its changes stream and capture reported recently
     * @param silent capture has not reported for longer than {@link #STALE_AFTER}: the state is as it was then
     */
    public record Source(String name, String kind, String endpoint, String state, boolean ready, boolean silent,
                         String problem, int tables, Instant catalogReadAt, Instant lastChangeAt, Instant reportedAt) {
    }

    private final JdbcClient jdbc;

    SourceStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the report unless a later one is already kept (reports may be read again after a restart). */
    public void record(Reported r) {
        jdbc.sql("""
                insert into source_status (source, kind, endpoint, state, problem, tables, catalog_read_at, last_change_at, reported_at)
                values (:source, :kind, :endpoint, :state, :problem, :tables, :catalogReadAt, :lastChangeAt, :reportedAt)
                on conflict (source) do update set kind = excluded.kind, endpoint = excluded.endpoint, state = excluded.state,
                    problem = excluded.problem, tables = excluded.tables, catalog_read_at = excluded.catalog_read_at,
                    last_change_at = excluded.last_change_at, reported_at = excluded.reported_at
                 where source_status.reported_at <= excluded.reported_at
                """)
                .param("source", r.source()).param("kind", r.kind()).param("endpoint", r.endpoint()).param("state", r.state())
                .param("problem", r.problem()).param("tables", r.tables())
                .param("catalogReadAt", timestamp(r.catalogReadAt())).param("lastChangeAt", timestamp(r.lastChangeAt()))
                .param("reportedAt", timestamp(r.reportedAt()))
                .update();
    }

    /** A source capture no longer watches (its report's key was tombstoned). */
    public void remove(String source) {
        jdbc.sql("delete from source_status where source = :source").param("source", source).update();
    }

    List<Source> list(Instant now) {
        return jdbc.sql("select source, kind, endpoint, state, problem, tables, catalog_read_at, last_change_at, reported_at "
                        + "from source_status order by source")
                .query((rs, n) -> {
                    Instant reportedAt = rs.getTimestamp(9).toInstant();
                    boolean silent = Duration.between(reportedAt, now).compareTo(STALE_AFTER) > 0;
                    String state = rs.getString(4);
                    return new Source(rs.getString(1), rs.getString(2), rs.getString(3), state,
                            "STREAMING".equals(state) && !silent, silent, rs.getString(5), rs.getInt(6),
                            instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), reportedAt);
                })
                .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
