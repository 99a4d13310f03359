package jp.daicho.ledger.chain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Walks the whole chain in seq order, recomputing every hash, and says which record is wrong and how: a
 * record whose fields no longer give its hash was modified (or moved: the seq is hashed too); a record
 * that does not follow its predecessor's hash marks a removal, insertion or reordering before it; missing
 * seqs that no purge accounts for were deleted; a purge mark that removed records before their retention
 * deadline, or a checkpoint the chain no longer matches, is reported too. Reads with a cursor: memory
 * does not grow with the ledger.
 */
public final class ChainVerifier {

    /** What a verification found. {@code problems} holds the first {@link #MAX_LISTED}; {@code problemCount} all. */
    public record Report(long records, long problemCount, List<String> problems, long headSeq, String headHash,
                         long checkpointsChecked, long purgeMarks, long millis) {

        public boolean intact() {
            return problemCount == 0;
        }
    }

    /** A run of missing seqs crossed: the hash the next record must follow (null when unknown), checkpoints checked. */
    private record Gap(String hash, long checkpointsChecked) {
    }

    private record Mark(long firstSeq, long lastSeq, String lastHash, Instant latestDeadline, Instant purgedAt) {
    }

    public static final int MAX_LISTED = 1000;

    /**
     * Every field the hash covers, as text in {@link HashChain}'s order, then prev_hash and hash. All text,
     * so that the driver hands over PostgreSQL's bytes as they are.
     */
    private static final String CHAIN = """
            select seq::text, kind, event_id, pipeline_id, legal_basis, record_mode,
                   (round(date_part('epoch', occurred_at) * 1000)::bigint)::text, counterparty_name, counterparty_address,
                   counterparty_representative, counterparty_country, data_items, consent_reference, acquisition,
                   case when opt_out_published then 'true' when not opt_out_published then 'false' end,
                   subject_item_names, subject_pseudonym, subject_cipher, key_id, retention_group, retention_years::text,
                   (round(date_part('epoch', recorded_at) * 1000)::bigint)::text, prev_hash, hash
            from ledger_record r order by r.seq
            """; // r.seq: the number, not the text column of the same name
    private static final int CANONICAL_FIELDS = 22;

    private final DataSource dataSource;
    private final List<String> problems = new ArrayList<>();
    private long problemCount;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report verify() {
        long started = System.nanoTime();
        problems.clear();
        problemCount = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor, not the whole result in memory
            c.setReadOnly(true);
            try {
                return walk(c, started);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the ledger to verify it: " + e.getMessage(), e);
        }
    }

    private Report walk(Connection c, long started) throws SQLException {
        var marks = new TreeMap<Long, Mark>();
        var checkpoints = new HashMap<Long, List<String>>();
        try (Statement s = c.createStatement()) {
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
        }
        var chain = new HashChain();
        long expectedSeq = 1;
        String expectedPrev = HashChain.GENESIS;
        long records = 0;
        long checked = 0;
        String headHash = HashChain.GENESIS;
        long headSeq = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(20_000);
            byte[][] fields = new byte[CANONICAL_FIELDS][];
            try (ResultSet rs = s.executeQuery(CHAIN)) {
                while (rs.next()) {
                    for (int i = 0; i < CANONICAL_FIELDS; i++) {
                        fields[i] = rs.getBytes(i + 1);
                    }
                    long seq = Long.parseLong(new String(fields[0], StandardCharsets.US_ASCII));
                    String prevHash = rs.getString(CANONICAL_FIELDS + 1);
                    String hash = rs.getString(CANONICAL_FIELDS + 2);
                    records++;
                    if (seq > expectedSeq) {
                        var gap = acrossGap(expectedSeq, seq - 1, marks, checkpoints);
                        expectedPrev = gap.hash();
                        checked += gap.checkpointsChecked();
                    }
                    String recomputed = chain.hash(prevHash.getBytes(StandardCharsets.US_ASCII), fields);
                    if (!recomputed.equals(hash)) {
                        problem("record " + seq + " was modified: its fields no longer give its hash (or it was moved "
                                + "from another position)");
                    }
                    if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
                        problem("record " + seq + " does not follow record " + (seq - 1) + ": the chain is broken "
                                + "there (a record before it was changed, removed, inserted or reordered)");
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
                    expectedPrev = hash;
                    expectedSeq = seq + 1;
                    headSeq = seq;
                    headHash = hash;
                }
            }
        }
        // Purges at the end of the chain, and checkpoints beyond what is left.
        long lastMarked = marks.isEmpty() ? 0 : marks.lastEntry().getValue().lastSeq();
        if (lastMarked >= expectedSeq) {
            var gap = acrossGap(expectedSeq, lastMarked, marks, checkpoints);
            checked += gap.checkpointsChecked();
            headSeq = lastMarked;
            headHash = gap.hash();
        }
        long end = headSeq;
        checkpoints.keySet().stream().filter(seq -> seq > end).sorted().forEach(seq -> problem("checkpoint at record " + seq
                + " is beyond the end of the chain (" + end + "): records at the end were removed"));
        return new Report(records, problemCount, List.copyOf(problems), headSeq, headHash, checked, marks.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Accounts for the seqs {@code from..to}, which have no record: each must lie in a purge mark.
     */
    private Gap acrossGap(long from, long to, TreeMap<Long, Mark> marks, Map<Long, List<String>> checkpoints) {
        long at = from;
        String hash = null;
        long checked = 0;
        while (at <= to) {
            Mark mark = marks.get(at);
            if (mark == null) {
                Long nextMark = marks.ceilingKey(at);
                long end = nextMark == null || nextMark > to ? to : nextMark - 1;
                problem(at == end ? "record " + at + " is missing and no purge removed it: deleted"
                        : "records " + at + "–" + end + " are missing and no purge removed them: deleted");
                hash = null;
                at = end + 1;
                continue;
            }
            if (mark.latestDeadline().isAfter(mark.purgedAt())) {
                problem("the purge of records " + mark.firstSeq() + "–" + mark.lastSeq() + " on " + mark.purgedAt()
                        + " removed records before their retention deadline (" + mark.latestDeadline() + ")");
            }
            var expected = checkpoints.get(mark.lastSeq());
            if (expected != null) {
                checked += expected.size();
                for (String h : expected) {
                    if (!h.equals(mark.lastHash())) {
                        problem("checkpoint at record " + mark.lastSeq() + " does not match the purge mark that replaced it");
                    }
                }
            }
            hash = mark.lastHash();
            at = mark.lastSeq() + 1;
        }
        return new Gap(hash, checked);
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_LISTED) {
            problems.add(text);
        }
    }
}
