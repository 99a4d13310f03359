package jp.daicho.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The chain's audit rules on records given in memory: each kind of tampering is found, and named. */
class ChainAuditTest {

    private static final Instant PURGED = Instant.parse("2030-01-01T00:00:00Z");

    private final TreeMap<Long, ChainAudit.Mark> marks = new TreeMap<>();
    private final Map<Long, List<String>> checkpoints = new HashMap<>();
    private final Map<Long, List<String>> published = new HashMap<>();

    /** A link of an untouched chain: record n follows h(n-1) and has hash h(n). */
    private record Link(long seq, String prev, String hash, boolean holds) {

        static Link of(long seq) {
            return new Link(seq, seq == 1 ? HashChain.GENESIS : "h" + (seq - 1), "h" + seq, true);
        }
    }

    private static List<Link> chain(long from, long to) {
        var links = new ArrayList<Link>();
        for (long seq = from; seq <= to; seq++) {
            links.add(Link.of(seq));
        }
        return links;
    }

    /** What the audit found, its problems in English (as an API call without Accept-Language gets them), and in Japanese. */
    private record Found(long records, long problemCount, List<String> problems, long headSeq, String headHash,
                         long checkpointsChecked, long anchorsChecked, List<String> japanese) {
    }

    /** Audits {@code links} in one walk, or split before each seq of {@code splits}. */
    private Found audit(List<Link> links, long... splits) {
        var audit = new ChainAudit(new ChainAudit.Known(marks, checkpoints, published));
        var bounds = new ArrayList<Long>(List.of(1L));
        for (long split : splits) {
            bounds.add(split);
        }
        bounds.add(Long.MAX_VALUE);
        var segments = new ArrayList<ChainAudit.Segment>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            long from = bounds.get(i);
            long until = bounds.get(i + 1);
            var segment = audit.segment(from, until, i == 0, i + 2 == bounds.size());
            links.stream().filter(l -> l.seq() >= from && l.seq() < until)
                    .forEach(l -> segment.record(l.seq(), l.prev(), l.hash(), l.holds()));
            segment.end();
            segments.add(segment);
        }
        var f = audit.findings(segments);
        return new Found(f.records(), f.problemCount(), f.problems().stream().map(jp.daicho.vocabulary.Words::english).toList(),
                f.headSeq(), f.headHash(), f.checkpointsChecked(), f.anchorsChecked(),
                f.problems().stream().map(jp.daicho.vocabulary.Words::japanese).toList());
    }

    @Test
    void anUntouchedChainIsIntactWhetherWalkedAtOnceOrInSegments() {
        var whole = audit(chain(1, 10));
        assertThat(whole.problems()).isEmpty();
        assertThat(whole.records()).isEqualTo(10);
        assertThat(whole.headSeq()).isEqualTo(10);
        assertThat(whole.headHash()).isEqualTo("h10");
        assertThat(audit(chain(1, 10), 4, 8)).isEqualTo(whole);
    }

    @Test
    void anEmptyChainEndsAtTheGenesis() {
        var found = audit(List.of());
        assertThat(found.problemCount()).isZero();
        assertThat(found.headSeq()).isZero();
        assertThat(found.headHash()).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void aRecordWhoseFieldsNoLongerGiveItsHashWasModified() {
        var links = chain(1, 5);
        links.set(2, new Link(3, "h2", "h3", false));
        var found = audit(links);
        assertThat(found.problems()).containsExactly("record 3 was modified: its fields no longer give its hash "
                + "(or it was moved from another position)");
        assertThat(found.japanese()).containsExactly("記録 3 は変更されています: その項目からそのハッシュになりません（又は別の位置から"
                + "移されました）");
    }

    @Test
    void aRecordNotFollowingItsPredecessorMarksABreakEvenAtASegmentBound() {
        var links = chain(1, 5);
        links.set(3, new Link(4, "forged", "h4", true));
        String broken = "record 4 does not follow record 3: the chain is broken there (a record before it was changed, "
                + "removed, inserted or reordered)";
        assertThat(audit(links).problems()).containsExactly(broken);
        assertThat(audit(links, 4).problems()).containsExactly(broken);
    }

    @Test
    void missingRecordsNoPurgeAccountsForWereDeleted() {
        var links = new ArrayList<>(chain(1, 8));
        links.removeIf(l -> l.seq() >= 3 && l.seq() <= 5);
        var found = audit(links);
        // After a deletion the next record's predecessor is unknown: one finding, not two.
        assertThat(found.problems()).containsExactly("records 3–5 are missing and no purge removed them: deleted");
        assertThat(found.records()).isEqualTo(5);
    }

    @Test
    void aPurgeMarkAccountsForItsRecordsAndTheChainFollowsItsLastHash() {
        marks.put(1L, new ChainAudit.Mark(1, 4, "h4", PURGED.minusSeconds(1), PURGED));
        checkpoints.put(4L, List.of("h4"));
        published.put(4L, List.of("h4"));
        var found = audit(chain(5, 9));
        assertThat(found.problems()).isEmpty();
        assertThat(found.checkpointsChecked()).isEqualTo(1);
        assertThat(found.anchorsChecked()).isEqualTo(1);
    }

    @Test
    void aPurgeBeforeTheRetentionDeadlineIsReported() {
        marks.put(1L, new ChainAudit.Mark(1, 4, "h4", PURGED.plusSeconds(86_400), PURGED));
        assertThat(audit(chain(5, 6)).problems()).singleElement().asString()
                .startsWith("the purge of records 1–4 on 2030-01-01T00:00:00Z removed records before their retention deadline");
    }

    @Test
    void aChainPurgedToItsEndHasTheMarkAsItsHead() {
        marks.put(1L, new ChainAudit.Mark(1, 6, "h6", PURGED, PURGED));
        var found = audit(List.of());
        assertThat(found.problems()).isEmpty();
        assertThat(found.headSeq()).isEqualTo(6);
        assertThat(found.headHash()).isEqualTo("h6");
    }

    @Test
    void storedCheckpointsMustMatchTheChainAndLieWithinIt() {
        checkpoints.put(2L, List.of("h2"));
        checkpoints.put(3L, List.of("rewritten"));
        checkpoints.put(9L, List.of("h9"));
        var found = audit(chain(1, 5));
        assertThat(found.problems()).containsExactly(
                "checkpoint at record 3 does not match the chain: the records up to it were rewritten",
                "checkpoint at record 9 is beyond the end of the chain (5): records at the end were removed");
        assertThat(found.checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void checkpointsPublishedOnKafkaCatchAChainRewrittenWithItsStoredCheckpoints() {
        published.put(3L, List.of("before"));
        published.put(7L, List.of("h7"));
        var found = audit(chain(1, 5));
        assertThat(found.problems()).containsExactly(
                "record 3 does not match the checkpoint published on Kafka for it: the chain up to it was rewritten, "
                        + "and the stored checkpoints with it",
                "the checkpoint published on Kafka at record 7 is beyond the end of the chain (5): records at the end "
                        + "were removed, and the stored checkpoints with them");
        assertThat(found.anchorsChecked()).isEqualTo(2);
    }

    @Test
    void listsTheFirstThousandProblemsAndCountsThemAll() {
        var links = new ArrayList<Link>();
        for (long seq = 1; seq <= 1500; seq++) {
            links.add(new Link(seq, seq == 1 ? HashChain.GENESIS : "h" + (seq - 1), "h" + seq, false));
        }
        var found = audit(links, 700);
        assertThat(found.problemCount()).isEqualTo(1500);
        assertThat(found.problems()).hasSize(ChainAudit.MAX_LISTED).first().asString().startsWith("record 1 was modified");
    }
}
