package jp.daicho.ledger.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import jp.daicho.vocabulary.Words;

/**
 * The chain's audit rules, fed the records in seq order and returning what is wrong; it reads nothing and
 * knows no database. A record whose fields no longer give its hash was modified (or moved: the seq is hashed
 * too); a record that does not follow its predecessor's hash marks a removal, insertion or reordering before
 * it; missing seqs that no purge mark accounts for were deleted; a purge mark that removed records before
 * their retention deadline, or a checkpoint (stored, or published outside the database) the chain no longer
 * matches, is a finding too.
 *
 * <p>The chain may be walked in segments at once ({@link #segment}); {@link #findings} joins them in order.
 */
public final class ChainAudit {

    /** Records {@code firstSeq..lastSeq} purged at {@code purgedAt}; {@code lastHash} was the last one's hash. */
    public record Mark(long firstSeq, long lastSeq, String lastHash, Instant latestDeadline, Instant purgedAt) {
    }

    /**
     * What the records are compared with: purge marks by first seq, stored checkpoints and checkpoints published
     * on Kafka, hashes by seq.
     */
    public record Known(NavigableMap<Long, Mark> marks, Map<Long, List<String>> checkpoints,
                        Map<Long, List<String>> published) {
    }

    /**
     * What the audit found: {@code problems} holds the first {@link #MAX_LISTED}, {@code problemCount} all;
     * the head is the last record (or the last purge mark's) and its hash.
     */
    public record Findings(long records, long problemCount, List<Words> problems, long headSeq, String headHash,
                           long checkpointsChecked, long anchorsChecked) {
    }

    public static final int MAX_LISTED = 1000;

    private final Known known;

    public ChainAudit(Known known) {
        this.known = known;
    }

    /**
     * The segment of records {@code from} (inclusive) to {@code until} (exclusive): the first starts from the
     * genesis; each bound but the first must be the seq of an existing record, so that no purge mark straddles two.
     */
    public Segment segment(long from, long until, boolean first, boolean last) {
        return new Segment(from, until, first, last);
    }

    /** The segments, ended and in seq order, joined: each must follow the one before it. */
    public Findings findings(List<Segment> segments) {
        var found = new Problems();
        long records = 0;
        long checked = 0;
        long anchors = 0;
        Segment previous = null;
        for (var segment : segments) {
            if (previous != null && previous.expectedPrev != null && segment.firstPrev != null
                    && !previous.expectedPrev.equals(segment.firstPrev)) {
                found.add(notFollowing(segment.firstSeq));
            }
            found.addAll(segment.problems);
            records += segment.records;
            checked += segment.checked;
            anchors += segment.anchors;
            previous = segment;
        }
        var last = segments.getLast();
        long end = last.headSeq;
        known.checkpoints().keySet().stream().filter(seq -> seq > end).sorted().forEach(seq -> found.add(new Words(
                "記録 " + seq + " のチェックポイントがチェーンの末尾（" + end + "）より後にあります: 末尾の記録が削除されました",
                "checkpoint at record " + seq + " is beyond the end of the chain (" + end + "): records at the end were removed")));
        var beyond = known.published().keySet().stream().filter(seq -> seq > end).sorted().toList();
        beyond.forEach(seq -> found.add(new Words("Kafka に公開した記録 " + seq + " のチェックポイントがチェーンの末尾（" + end
                + "）より後にあります: 末尾の記録が、保存したチェックポイントと共に削除されました",
                "the checkpoint published on Kafka at record " + seq + " is beyond the end of the chain ("
                + end + "): records at the end were removed, and the stored checkpoints with them")));
        anchors += beyond.size();
        return new Findings(records, found.count, List.copyOf(found.listed), last.headSeq, last.headHash, checked, anchors);
    }

    /** A checkpoint that does not match what it anchors: which kind, worded for the record it is at. */
    private enum Mismatch {
        STORED("のチェックポイントがチェーンと合いません: そこまでの記録が書き換えられました",
                "checkpoint at record %d does not match the chain: the records up to it were rewritten"),
        PURGE_MARK("のチェックポイントが、それに代わる廃棄の印と合いません",
                "checkpoint at record %d does not match the purge mark that replaced it"),
        PUBLISHED("が Kafka に公開したチェックポイントと合いません: そこまでのチェーンが、保存したチェックポイントと共に書き換えられました",
                "record %d does not match the checkpoint published on Kafka for it: the chain up to it was rewritten, "
                        + "and the stored checkpoints with it");

        private final String japanese;
        private final String english;

        Mismatch(String japanese, String english) {
            this.japanese = japanese;
            this.english = english;
        }

        Words at(long seq) {
            return new Words("記録 " + seq + " " + japanese, english.formatted(seq));
        }
    }

    private static Words notFollowing(long seq) {
        return new Words("記録 " + seq + " が記録 " + (seq - 1) + " に続いていません: チェーンがそこで切れています（前の記録が"
                + "変更、削除、挿入又は並べ替えられました）", "record " + seq + " does not follow record " + (seq - 1)
                + ": the chain is broken there (a record before it was changed, removed, inserted or reordered)");
    }

    /** The first {@link #MAX_LISTED} problems and how many there were. */
    private static final class Problems {

        private final List<Words> listed = new ArrayList<>();
        private long count;

        void add(Words text) {
            count++;
            if (listed.size() < MAX_LISTED) {
                listed.add(text);
            }
        }

        void addAll(Problems other) {
            other.listed.forEach(this::add);
            count += other.count - other.listed.size();
        }
    }

    /**
     * One stretch of the chain, fed in seq order. The first segment starts from the genesis; a later one does not
     * know the hash its first record must follow until the segment before it is done, so it keeps that record's
     * prev_hash for {@link #findings} to compare. Used by one thread at a time.
     */
    public final class Segment {

        private final long from;
        private final long until;
        private final boolean last;
        private final boolean linkKnown;
        private final Problems problems = new Problems();
        private long anchors;
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

        private Segment(long from, long until, boolean first, boolean last) {
            this.from = from;
            this.until = until;
            this.last = last;
            this.expectedPrev = first ? HashChain.GENESIS : null;
            this.linkKnown = first;
            this.headSeq = from - 1;
            this.expectedSeq = from;
        }

        /**
         * The next record: its seq, the hash it says it follows, its hash, and whether its fields still give that
         * hash.
         */
        public void record(long seq, String prevHash, String hash, boolean fieldsGiveHash) {
            if (records++ == 0 && !linkKnown && seq == from) {
                firstSeq = seq;
                firstPrev = prevHash;
                expectedPrev = prevHash;
            }
            if (seq > expectedSeq) {
                cross(expectedSeq, seq - 1);
            }
            if (!fieldsGiveHash) {
                problems.add(new Words("記録 " + seq + " は変更されています: その項目からそのハッシュになりません（又は別の位置から"
                        + "移されました）", "record " + seq + " was modified: its fields no longer give its hash (or it was moved "
                        + "from another position)"));
            }
            if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
                problems.add(notFollowing(seq));
            }
            checked += compare(known.checkpoints().get(seq), hash, Mismatch.STORED, seq);
            anchored(seq, hash);
            expectedPrev = hash;
            expectedSeq = seq + 1;
            headSeq = seq;
            headHash = hash;
        }

        /** After the last record: purges up to the next segment's first record or, in the last, at the chain's end. */
        public void end() {
            long lastMarked = known.marks().isEmpty() ? 0 : known.marks().lastEntry().getValue().lastSeq();
            long gapEnd = last ? lastMarked : until - 1;
            if (gapEnd >= expectedSeq) {
                cross(expectedSeq, gapEnd);
                if (last) {
                    headSeq = lastMarked;
                    headHash = expectedPrev;
                }
            }
        }

        /** Accounts for the seqs {@code from..to}, which have no record: each must lie in a purge mark. */
        private void cross(long from, long to) {
            long at = from;
            String hash = null;
            while (at <= to) {
                Mark mark = known.marks().get(at);
                if (mark == null) {
                    Long nextMark = known.marks().ceilingKey(at);
                    long end = nextMark == null || nextMark > to ? to : nextMark - 1;
                    problems.add(at == end
                            ? new Words("記録 " + at + " がなく、廃棄によるものでもありません: 削除されました",
                                    "record " + at + " is missing and no purge removed it: deleted")
                            : new Words("記録 " + at + "–" + end + " がなく、廃棄によるものでもありません: 削除されました",
                                    "records " + at + "–" + end + " are missing and no purge removed them: deleted"));
                    hash = null;
                    at = end + 1;
                    continue;
                }
                if (mark.latestDeadline().isAfter(mark.purgedAt())) {
                    problems.add(new Words(mark.purgedAt() + " の記録 " + mark.firstSeq() + "–" + mark.lastSeq()
                            + " の廃棄は、保存期限（" + mark.latestDeadline() + "）より前に記録を消しました",
                            "the purge of records " + mark.firstSeq() + "–" + mark.lastSeq() + " on " + mark.purgedAt()
                            + " removed records before their retention deadline (" + mark.latestDeadline() + ")"));
                }
                checked += compare(known.checkpoints().get(mark.lastSeq()), mark.lastHash(), Mismatch.PURGE_MARK, mark.lastSeq());
                anchored(mark.lastSeq(), mark.lastHash());
                hash = mark.lastHash();
                at = mark.lastSeq() + 1;
            }
            expectedPrev = hash;
        }

        /** Published checkpoints at {@code seq} must be {@code hash}: the chain up to it as it was when published. */
        private void anchored(long seq, String hash) {
            if (hash != null) {
                anchors += compare(known.published().get(seq), hash, Mismatch.PUBLISHED, seq);
            }
        }

        /**
         * Compares the checkpoint hashes {@code expected} at record {@code seq} (none: null) with {@code hash}: a problem
         * for each that differs. Called for every record: nothing is made unless a checkpoint is there.
         */
        private long compare(List<String> expected, String hash, Mismatch mismatch, long seq) {
            if (expected == null) {
                return 0;
            }
            for (String h : expected) {
                if (!h.equals(hash)) {
                    problems.add(mismatch.at(seq));
                }
            }
            return expected.size();
        }
    }
}
