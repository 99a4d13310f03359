package jp.daicho.ledger.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.daicho.ledger.chain.ChainHead;
import jp.daicho.ledger.recording.Checkpoints;

/**
 * Removes the records whose retention ended (Rules 21 and 25): a record made each time, 3 years after its
 * provision; a batch record, 3 years after the last provision of its group; a contract substitute, 1 year
 * after. Runs under its own narrow database role, the only one the ledger's trigger lets remove records.
 * Each run of consecutive removed records leaves a purge mark with the hash of its last record, so that the
 * chain stays verifiable, and the run ends with a checkpoint, stored and published.
 */
@Service
@EnableConfigurationProperties(RetentionProperties.class)
public class PurgeExpired {

    /** What a purge removed. */
    public record PurgeReport(Instant at, String by, long removed, Map<String, Long> byKindAndMode, List<String> ranges,
                         boolean moreRemain) {
    }

    private static final Logger log = LoggerFactory.getLogger(PurgeExpired.class);

    /** The records whose retention is over ({@link Retention}: the day they are kept until is over in Japan). */
    private static final String EXPIRED = """
            with groups as (
                select retention_group, max(occurred_at) as last_provision from ledger_record
                where retention_group is not null group by retention_group
            )
            select r.seq, r.hash, r.kind, r.record_mode, %1$s as deadline
            from ledger_record r left join groups g on g.retention_group = r.retention_group
            where %1$s <= ?
            order by r.seq limit ?
            """.formatted(Retention.mayGoAfterSql("coalesce(g.last_provision, r.occurred_at)", "r.retention_years"));

    private record Expired(long seq, String hash, String kind, String mode, Instant deadline) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RetentionProperties properties;
    private final Checkpoints checkpoints;

    PurgeExpired(DataSourceProperties database, RetentionProperties properties, Checkpoints checkpoints,
                 @org.springframework.beans.factory.annotation.Value("${daicho.ledger.database.schema:ledger}") String schema) {
        var purger = new SimpleDriverDataSource(new org.postgresql.Driver(), database.determineUrl(),
                properties.username() != null ? properties.username() : database.determineUsername(),
                properties.username() != null ? properties.password() : database.determinePassword());
        var connection = new java.util.Properties();
        connection.setProperty("currentSchema", schema);
        purger.setConnectionProperties(connection);
        this.jdbc = JdbcClient.create(purger);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(purger));
        this.properties = properties;
        this.checkpoints = checkpoints;
    }

    @Scheduled(cron = "${daicho.ledger.retention.cron:0 30 3 * * *}")
    void daily() {
        purge("scheduled", Instant.now());
    }

    /** Removes what expired before {@code now}; returns what it removed. */
    public PurgeReport purge(String by, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        PurgeReport report = transactions.execute(status -> {
            jdbc.sql("set local role " + properties.role()).update();
            ChainHead.lock(jdbc);
            List<Expired> expired = jdbc.sql(EXPIRED).params(Timestamp.from(at), properties.maxPerRun() + 1)
                    .query((rs, n) -> new Expired(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant())).list();
            boolean more = expired.size() > properties.maxPerRun();
            if (more) {
                expired = expired.subList(0, properties.maxPerRun());
            }
            var byKind = new TreeMap<String, Long>();
            var ranges = new ArrayList<String>();
            if (!expired.isEmpty()) {
                long id = jdbc.sql("select nextval('purge_run_id_seq')").query(Long.class).single();
                jdbc.sql("delete from ledger_record where seq = any(?)")
                        .param(expired.stream().mapToLong(Expired::seq).boxed().toArray(Long[]::new)).update();
                int start = 0;
                for (int i = 1; i <= expired.size(); i++) {
                    if (i == expired.size() || expired.get(i).seq() != expired.get(i - 1).seq() + 1) {
                        var run = expired.subList(start, i);
                        Instant latest = run.stream().map(Expired::deadline).max(Instant::compareTo).orElseThrow();
                        jdbc.sql("""
                                insert into purge_mark (first_seq, last_seq, last_hash, latest_deadline, purge_id, purged_at)
                                values (?, ?, ?, ?, ?, ?)
                                """).params(run.get(0).seq(), run.get(run.size() - 1).seq(), run.get(run.size() - 1).hash(),
                                Timestamp.from(latest), id, Timestamp.from(at)).update();
                        if (ranges.size() < 100) {
                            ranges.add(run.size() == 1 ? Long.toString(run.get(0).seq()) : run.get(0).seq() + "–" + run.get(run.size() - 1).seq());
                        }
                        start = i;
                    }
                }
                expired.forEach(e -> byKind.merge(e.kind() + " " + e.mode(), 1L, Long::sum));
                jdbc.sql("insert into purge_run (id, run_at, run_by, removed, report) values (?, ?, ?, ?, ?)")
                        .params(id, Timestamp.from(at), by, expired.size(), byKind + " records " + String.join(", ", ranges)
                                + (more ? " (more remain)" : "")).update();
                var head = ChainHead.read(jdbc);
                checkpoints.store(head.seq(), head.hash(), "PURGE", at);
            }
            return new PurgeReport(at, by, expired.size(), byKind, ranges, more);
        });
        if (report.removed() > 0) {
            log.info("Purge by {} removed {} expired records ({}){}", by, report.removed(), report.byKindAndMode(),
                    report.moreRemain() ? "; more remain for the next run" : "");
        }
        return report;
    }

    /** How many records are due for removal now, and the last purges (newest first). */
    public record Purges(long dueNow, List<PurgeRun> runs) {
    }

    /** One purge: when, by whom (or the schedule), how many records it removed, and its report. */
    public record PurgeRun(long id, Instant runAt, String runBy, long removed, String report) {
    }

    public Purges purges(Instant now) {
        var runs = jdbc.sql("select id, run_at, run_by, removed, report from purge_run order by id desc limit 1000")
                .query((rs, n) -> new PurgeRun(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getLong(4),
                        rs.getString(5)))
                .list();
        return new Purges(due(now), runs);
    }

    /** How many records are due for removal now. */
    public long due(Instant now) {
        return jdbc.sql("select count(*) from (" + EXPIRED + ") due").params(Timestamp.from(now), Integer.MAX_VALUE)
                .query(Long.class).single();
    }
}
