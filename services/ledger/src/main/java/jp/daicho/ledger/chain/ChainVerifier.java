package jp.daicho.ledger.chain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
 * Walks the whole chain in seq order, recomputing every hash, and says which record is wrong and how: a
 * record whose fields no longer give its hash was modified (or moved: the seq is hashed too); a record
 * that does not follow its predecessor's hash marks a removal, insertion or reordering before it; missing
 * seqs that no purge accounts for were deleted; a purge mark that removed records before their retention
 * deadline, or a checkpoint the chain no longer matches, is reported too. Reads with a cursor: memory
 * does not grow with the ledger.
 */
public final class ChainVerifier {

    /**
     * What a verification found. {@code problems} holds the first {@link #MAX_LISTED}; {@code problemCount} all;
     * {@code segments}: stretches of the chain walked at once; {@code anchorsChecked}: checkpoints published on
     * Kafka compared with the chain (-1 when they could not be read).
     */
    public record Report(long records, long problemCount, List<String> problems, long headSeq, String headHash,
                         long checkpointsChecked, long anchorsChecked, long purgeMarks, int segments, long millis) {

        public boolean intact() {
            return problemCount == 0;
        }
    }

    /**
     * A run of missing seqs crossed: the hash the next record must follow (null when unknown), checkpoints
     * checked, and what was wrong with it.
     */
    private record Gap(String hash, long checkpointsChecked, List<String> problems) {
    }

    private record Mark(long firstSeq, long lastSeq, String lastHash, Instant latestDeadline, Instant purgedAt) {
    }

    public static final int MAX_LISTED = 1000;

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
    private final List<String> problems = new ArrayList<>();
    private long problemCount;

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
     * @param published the checkpoints published outside the database, hashes by record number, when they could
     *                  be read: each must match the chain (or the purge mark that replaced its record)
     */
    public Report verify(Optional<Map<Long, List<String>>> published) {
        long started = System.nanoTime();
        problems.clear();
        problemCount = 0;
        try (Connection c = dataSource.getConnection()) {
            return inSnapshot(c, null, () -> walk(c, published.orElse(Map.of()), published.isPresent(), started));
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

    private Report walk(Connection c, Map<Long, List<String>> published, boolean anchorsRead, long started)
            throws SQLException {
        var marks = new TreeMap<Long, Mark>();
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
                    marks.put(rs.getLong(1), new Mark(rs.getLong(1), rs.getLong(2), rs.getString(3),
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
        // Segment i walks [bounds(i), bounds(i+1)); each bound but the first is the seq of an existing record,
        // so that a purge mark never straddles two segments.
        var segments = new ArrayList<Segment>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            segments.add(new Segment(bounds.get(i), bounds.get(i + 1), i == 0, i + 2 == bounds.size(), marks, checkpoints,
                    published));
        }
        if (segments.size() == 1) {
            segments.getFirst().walk(c);
        } else {
            walkAtOnce(segments, snapshot);
        }
        long records = 0;
        long checked = 0;
        long anchors = 0;
        Segment previous = null;
        for (var segment : segments) {
            if (previous != null && previous.expectedPrev != null && segment.firstPrev != null
                    && !previous.expectedPrev.equals(segment.firstPrev)) {
                problem(notFollowing(segment.firstSeq));
            }
            segment.problems.forEach(this::problem);
            problemCount += segment.problemCount - segment.problems.size();
            records += segment.records;
            checked += segment.checked;
            anchors += segment.anchors;
            previous = segment;
        }
        var last = segments.getLast();
        long end = last.headSeq;
        checkpoints.keySet().stream().filter(seq -> seq > end).sorted().forEach(seq -> problem("checkpoint at record " + seq
                + " is beyond the end of the chain (" + end + "): records at the end were removed"));
        var beyond = published.keySet().stream().filter(seq -> seq > end).sorted().toList();
        beyond.forEach(seq -> problem("the checkpoint published on Kafka at record " + seq + " is beyond the end of the chain ("
                + end + "): records at the end were removed, and the stored checkpoints with them"));
        anchors += beyond.size();
        return new Report(records, problemCount, List.copyOf(problems), last.headSeq, last.headHash, checked,
                anchorsRead ? anchors : -1, marks.size(), segments.size(), (System.nanoTime() - started) / 1_000_000);
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
    private void walkAtOnce(List<Segment> segments, String snapshot) {
        try (var executor = Executors.newFixedThreadPool(segments.size(), Thread.ofPlatform().name("ledger-verify-", 1).factory())) {
            var walks = segments.stream().map(segment -> executor.submit(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return inSnapshot(c, snapshot, () -> {
                        segment.walk(c);
                        return null;
                    });
                }
            })).toList();
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

    private static String notFollowing(long seq) {
        return "record " + seq + " does not follow record " + (seq - 1) + ": the chain is broken "
                + "there (a record before it was changed, removed, inserted or reordered)";
    }

    /**
     * One stretch of the chain, walked in seq order. The first segment starts from the genesis; a later one
     * does not know the hash its first record must follow until the segment before it is done, so it keeps
     * that record's prev_hash ({@link #firstPrev}) for the caller to compare.
     */
    private final class Segment {

        private final long from;
        private final long until;
        private final boolean last;
        private final TreeMap<Long, Mark> marks;
        private final Map<Long, List<String>> checkpoints;
        private final Map<Long, List<String>> published;
        private final List<String> problems = new ArrayList<>();
        private long anchors;
        private long problemCount;
        private long records;
        private long checked;
        private long firstSeq;
        private String firstPrev;
        /** The number the next record should have. */
        private long expectedSeq;
        /** The hash the next record must follow; null when unknown (after a deletion). */
        private String expectedPrev;
        private long headSeq;
        private String headHash = HashChain.GENESIS;

        Segment(long from, long until, boolean first, boolean last, TreeMap<Long, Mark> marks,
                Map<Long, List<String>> checkpoints, Map<Long, List<String>> published) {
            this.published = published;
            this.from = from;
            this.until = until;
            this.last = last;
            this.marks = marks;
            this.checkpoints = checkpoints;
            this.expectedPrev = first ? HashChain.GENESIS : null;
            this.headSeq = from - 1;
            this.expectedSeq = from;
        }

        void walk(Connection c) throws SQLException {
            try {
                walkRows(c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void walkRows(Connection c) throws SQLException, java.io.IOException {
            var chain = new HashChain();
            boolean linkKnown = expectedPrev != null;
            CopyOutRows.stream(c, CHAIN.formatted(from, until), row -> {
                long seq = row.int8(0);
                String prevHash = row.string(CANONICAL_FIELDS);
                String hash = row.string(CANONICAL_FIELDS + 1);
                if (records++ == 0 && !linkKnown && seq == from) {
                    firstSeq = seq;
                    firstPrev = prevHash; // compared with the previous segment's end by the caller
                    expectedPrev = prevHash;
                }
                if (seq > expectedSeq) {
                    var gap = acrossGap(expectedSeq, seq - 1, marks, checkpoints);
                    anchoredAcross(expectedSeq, seq - 1);
                    expectedPrev = gap.hash();
                    checked += gap.checkpointsChecked();
                    problems(gap.problems());
                }
                String recomputed = chain.hash(canonical(chain.canonical(prevHash), row));
                if (!recomputed.equals(hash)) {
                    problem("record " + seq + " was modified: its fields no longer give its hash (or it was moved "
                            + "from another position)");
                }
                if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
                    problem(notFollowing(seq));
                }
                var expected = checkpoints.get(seq);
                if (expected != null) {
                    checked += expected.size();
                    for (String h : expected) {
                        if (!h.equals(hash)) {
                            problem("checkpoint at record " + seq + " does not match the chain: the records up to it "
                                    + "were rewritten");
                        }
                    }
                }
                anchored(seq, hash);
                expectedPrev = hash;
                expectedSeq = seq + 1;
                headSeq = seq;
                headHash = hash;
            });
            // Purges up to the next segment's first record or, in the last segment, at the end of the chain.
            long lastMarked = marks.isEmpty() ? 0 : marks.lastEntry().getValue().lastSeq();
            long gapEnd = last ? lastMarked : until - 1;
            if (gapEnd >= expectedSeq) {
                var gap = acrossGap(expectedSeq, gapEnd, marks, checkpoints);
                anchoredAcross(expectedSeq, gapEnd);
                checked += gap.checkpointsChecked();
                problems(gap.problems());
                expectedPrev = gap.hash();
                if (last) {
                    headSeq = lastMarked;
                    headHash = gap.hash();
                }
            }
        }

        /** Published checkpoints at {@code seq} must be {@code hash}: the chain up to it as it was when published. */
        private void anchored(long seq, String hash) {
            var anchor = published.get(seq);
            if (anchor == null || hash == null) {
                return;
            }
            anchors += anchor.size();
            for (String h : anchor) {
                if (!h.equals(hash)) {
                    problem("record " + seq + " does not match the checkpoint published on Kafka for it: the chain up to it "
                            + "was rewritten, and the stored checkpoints with it");
                }
            }
        }

        /** After crossing a gap, the purge marks' last records must match what was published for them. */
        private void anchoredAcross(long from, long to) {
            for (var mark : marks.subMap(from, true, to, true).values()) {
                anchored(mark.lastSeq(), mark.lastHash());
            }
        }

        private void problems(List<String> found) {
            found.forEach(this::problem);
        }

        private void problem(String text) {
            problemCount++;
            if (problems.size() < MAX_LISTED) {
                problems.add(text);
            }
        }
    }

    /**
     * Accounts for the seqs {@code from..to}, which have no record: each must lie in a purge mark.
     */
    private static Gap acrossGap(long from, long to, TreeMap<Long, Mark> marks, Map<Long, List<String>> checkpoints) {
        var problems = new ArrayList<String>();
        long at = from;
        String hash = null;
        long checked = 0;
        while (at <= to) {
            Mark mark = marks.get(at);
            if (mark == null) {
                Long nextMark = marks.ceilingKey(at);
                long end = nextMark == null || nextMark > to ? to : nextMark - 1;
                problems.add(at == end ? "record " + at + " is missing and no purge removed it: deleted"
                        : "records " + at + "–" + end + " are missing and no purge removed them: deleted");
                hash = null;
                at = end + 1;
                continue;
            }
            if (mark.latestDeadline().isAfter(mark.purgedAt())) {
                problems.add("the purge of records " + mark.firstSeq() + "–" + mark.lastSeq() + " on " + mark.purgedAt()
                        + " removed records before their retention deadline (" + mark.latestDeadline() + ")");
            }
            var expected = checkpoints.get(mark.lastSeq());
            if (expected != null) {
                checked += expected.size();
                for (String h : expected) {
                    if (!h.equals(mark.lastHash())) {
                        problems.add("checkpoint at record " + mark.lastSeq() + " does not match the purge mark that replaced it");
                    }
                }
            }
            hash = mark.lastHash();
            at = mark.lastSeq() + 1;
        }
        return new Gap(hash, checked, problems);
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_LISTED) {
            problems.add(text);
        }
    }
}
