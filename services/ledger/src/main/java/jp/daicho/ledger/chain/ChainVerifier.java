package jp.daicho.ledger.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jp.daicho.ledger.store.CopyOutRows;

/**
 * Reads the chain for {@link ChainAudit}: every record in seq order with its hash recomputed, the purge marks and
 * the stored checkpoints, all from one snapshot of the ledger, in segments walked at once on connections of their
 * own. Reads with a cursor: memory does not grow with the ledger.
 */
public final class ChainVerifier {

    /**
     * What a verification found ({@link ChainAudit.Findings}); {@code segments}: stretches of the chain walked at
     * once; {@code anchorsChecked}: checkpoints published on Kafka compared with the chain (-1 when they could not
     * be read).
     */
    public record Report(long records, long problemCount, List<String> problems, long headSeq, String headHash,
                         long checkpointsChecked, long anchorsChecked, long purgeMarks, int segments, long millis) {

        public boolean intact() {
            return problemCount == 0;
        }
    }

    /** Every field the hash covers, in {@link HashChain}'s order, then prev_hash and hash. */
    private static final String CHAIN = """
            select seq, kind, event_id, pipeline_id, legal_basis, record_mode, occurred_at, counterparty_name,
                   counterparty_address, counterparty_representative, counterparty_country, data_items, consent_reference,
                   acquisition, opt_out_published, subject_item_names, subject_pseudonym, subject_cipher, key_id,
                   retention_group, retention_years, recorded_at, prev_hash, hash
            from ledger_record where seq >= %d and seq < %d order by seq
            """;
    private static final int CANONICAL_FIELDS = 22;
    private static final int SEQ = 0;
    private static final int OCCURRED_AT = 6;
    private static final int OPT_OUT_PUBLISHED = 14;
    private static final int RETENTION_YEARS = 20;
    private static final int RECORDED_AT = 21;

    private final DataSource dataSource;
    private final int parallelism;
    private final long minSegment;

    /**
     * @param parallelism segments of the chain walked at once, each on a connection of its own, all reading the
     *                    same snapshot of the ledger (1: one walk from the first record to the last)
     * @param minSegment  fewer segments when they would hold fewer records than this each
     */
    public ChainVerifier(DataSource dataSource, int parallelism, long minSegment) {
        this.dataSource = dataSource;
        this.parallelism = Math.max(1, parallelism);
        this.minSegment = Math.max(1, minSegment);
    }

    /**
     * @param locale    the language of the problems found (Japanese for {@code ja}, else English)
     * @param published the checkpoints published outside the database, hashes by record number, when they could
     *                  be read: each must match the chain (or the purge mark that replaced its record)
     */
    public Report verify(Optional<Map<Long, List<String>>> published, java.util.Locale locale) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            return inSnapshot(c, null, () -> walk(c, published.orElse(Map.of()), published.isPresent(), started, locale));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the ledger to verify it: " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in a read-only repeatable-read transaction on {@code c}: in {@code snapshot} (exported by
     * another transaction) when given, else in a snapshot of its own. The connection goes back to the pool as it
     * came.
     */
    private static <T> T inSnapshot(Connection c, String snapshot, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            if (snapshot != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                }
            }
            return work.run();
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(autoCommit);
        }
    }

    private Report walk(Connection c, Map<Long, List<String>> published, boolean anchorsRead, long started,
                        java.util.Locale locale) throws SQLException {
        var marks = new TreeMap<Long, ChainAudit.Mark>();
        var checkpoints = new HashMap<Long, List<String>>();
        String snapshot;
        List<Long> bounds;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("select first_seq, last_seq, last_hash, latest_deadline, purged_at from purge_mark")) {
                while (rs.next()) {
                    marks.put(rs.getLong(1), new ChainAudit.Mark(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }
            }
            try (ResultSet rs = s.executeQuery("select seq, hash from ledger_checkpoint")) {
                while (rs.next()) {
                    checkpoints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            bounds = bounds(c);
        }
        var audit = new ChainAudit(new ChainAudit.Known(marks, checkpoints, published));
        var segments = new ArrayList<ChainAudit.Segment>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            segments.add(audit.segment(bounds.get(i), bounds.get(i + 1), i == 0, i + 2 == bounds.size()));
        }
        if (segments.size() == 1) {
            read(c, bounds.get(0), bounds.get(1), segments.getFirst());
        } else {
            readAtOnce(bounds, segments, snapshot);
        }
        var found = audit.findings(segments);
        return new Report(found.records(), found.problemCount(), found.problems().stream().map(w -> w.in(locale)).toList(),
                found.headSeq(), found.headHash(),
                found.checkpointsChecked(), anchorsRead ? found.anchorsChecked() : -1, marks.size(), segments.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** 1, the first existing seq at each of up to {@code parallelism - 1} evenly spaced points, and past the end. */
    private List<Long> bounds(Connection c) throws SQLException {
        var bounds = new ArrayList<Long>();
        bounds.add(1L);
        long min;
        long max;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select min(seq), max(seq) from ledger_record")) {
            rs.next();
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        int segments = (int) Math.min(parallelism, Math.max(1, (max - min + 1) / minSegment));
        if (segments > 1) {
            try (var next = c.prepareStatement("select min(seq) from ledger_record where seq >= ?")) {
                for (int i = 1; i < segments; i++) {
                    next.setLong(1, min + (max - min + 1) * i / segments);
                    try (ResultSet rs = next.executeQuery()) {
                        rs.next();
                        long bound = rs.getLong(1);
                        if (bound > bounds.getLast()) {
                            bounds.add(bound);
                        }
                    }
                }
            }
        }
        bounds.add(Long.MAX_VALUE);
        return bounds;
    }

    /** Each segment on a connection of its own, in the snapshot exported by the first connection. */
    private void readAtOnce(List<Long> bounds, List<ChainAudit.Segment> segments, String snapshot) {
        try (var executor = Executors.newFixedThreadPool(segments.size(), Thread.ofPlatform().name("ledger-verify-", 1).factory())) {
            var walks = new ArrayList<java.util.concurrent.Future<Object>>();
            for (int i = 0; i < segments.size(); i++) {
                long from = bounds.get(i);
                long until = bounds.get(i + 1);
                var segment = segments.get(i);
                walks.add(executor.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return inSnapshot(c, snapshot, () -> {
                            read(c, from, until, segment);
                            return null;
                        });
                    }
                }));
            }
            for (var walk : walks) {
                walk.get();
            }
        } catch (ExecutionException e) {
            var cause = e.getCause();
            throw new IllegalStateException("Could not read the ledger to verify it: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while verifying the ledger", e);
        }
    }

    /** Feeds the records {@code from..until} (exclusive), hashes recomputed, to {@code segment}, then ends it. */
    private static void read(Connection c, long from, long until, ChainAudit.Segment segment) throws SQLException {
        var chain = new HashChain();
        try {
            CopyOutRows.stream(c, CHAIN.formatted(from, until), row -> {
                String prevHash = row.string(CANONICAL_FIELDS);
                String hash = row.string(CANONICAL_FIELDS + 1);
                String recomputed = chain.hash(canonical(chain.canonical(prevHash), row));
                segment.record(row.int8(SEQ), prevHash, hash, recomputed.equals(hash));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        segment.end();
    }

    /** The stored fields of {@code row} in the hash's canonical form: numbers and times in decimal, flags as words. */
    private static HashChain.Canonical canonical(HashChain.Canonical c, CopyOutRows.Row row) {
        for (int i = 0; i < CANONICAL_FIELDS; i++) {
            if (row.isNull(i)) {
                c.nul();
                continue;
            }
            switch (i) {
                case SEQ -> c.number(row.int8(i));
                case OCCURRED_AT, RECORDED_AT -> c.number(row.epochMillis(i));
                case OPT_OUT_PUBLISHED -> c.bool(row.bool(i));
                case RETENTION_YEARS -> c.number(row.int4(i));
                default -> c.text(row.buffer(), row.start(i), row.length(i));
            }
        }
        return c;
    }
}
