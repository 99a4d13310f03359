package jp.daicho.ledger.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Verifies the chain on request and keeps what each verification found (the auditors' "last verified"). */
@Service
@EnableConfigurationProperties(VerifyProperties.class)
public class VerifyChain {

    private static final Logger log = LoggerFactory.getLogger(VerifyChain.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final VerifyProperties properties;
    private final PublishedCheckpoints published;

    VerifyChain(DataSource dataSource, JdbcClient jdbc, VerifyProperties properties, PublishedCheckpoints published) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.properties = properties;
        this.published = published;
    }

    /** Verifies the chain for {@code by}, the problems found worded for {@code locale} (Japanese for {@code ja}). */
    public ChainVerifier.Report verify(String by, java.util.Locale locale) {
        var report = new ChainVerifier(dataSource, properties.effectiveParallelism(), properties.minSegment())
                .verify(published.read(), locale);
        jdbc.sql("""
                insert into verification_run (run_at, run_by, records, problems, head_seq, head_hash, millis)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(Timestamp.from(Instant.now()), by, report.records(), report.problemCount(), report.headSeq(),
                report.headHash(), report.millis()).update();
        if (report.intact()) {
            log.info("Ledger verified by {}: {} records intact up to {} in {} ms", by, report.records(), report.headSeq(), report.millis());
        } else {
            log.warn("Ledger verification by {} found {} problems, the first: {}", by, report.problemCount(), report.problems().get(0));
        }
        return report;
    }

    /** The last verification: when, by whom, how many records, how many problems, up to which record, how long. */
    public record LastVerification(Instant runAt, String runBy, long records, long problems, Long headSeq, long millis) {
    }

    public Optional<LastVerification> last() {
        return jdbc.sql("select run_at, run_by, records, problems, head_seq, millis from verification_run order by id desc limit 1")
                .query((rs, n) -> new LastVerification(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), (Long) rs.getObject(5), rs.getLong(6)))
                .optional();
    }
}
