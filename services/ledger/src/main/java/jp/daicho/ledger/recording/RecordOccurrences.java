package jp.daicho.ledger.recording;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.ledger.chain.ChainHead;
import jp.daicho.ledger.chain.ChainedRecord;
import jp.daicho.ledger.chain.HashChain;
import jp.daicho.ledger.store.CopyInRows;
import jp.daicho.subjects.SubjectVault;
import jp.daicho.vocabulary.Rule;

/**
 * Records a batch of occurrences: each is decided by {@link Statute}; a repeated event id is recorded once;
 * statutory records are appended to the hash chain, exempt occurrences counted with their reason, refused
 * ones counted and published for the DPO. One transaction per batch, under a lock that keeps the chain in
 * one order however many ledger instances run.
 */
@Service
@EnableConfigurationProperties(RecordingProperties.class)
public class RecordOccurrences {

    /** What became of one occurrence. */
    public record Outcome(String eventId, Status status, Long seq, String explanation, String rule, String clause) {
    }

    public enum Status { RECORDED, EXEMPT, DUPLICATE, REJECTED }

    private static final String RECORD_COLUMNS = """
            seq, kind, event_id, pipeline_id, legal_basis, record_mode, occurred_at, counterparty_name, counterparty_address,
            counterparty_representative, counterparty_country, data_items, consent_reference, acquisition, opt_out_published,
            subject_item_names, subject_pseudonym, subject_cipher, key_id, retention_group, retention_years, recorded_at,
            prev_hash, hash""";
    private static final String OCCURRENCE_COLUMNS =
            "event_id, direction, pipeline_id, legal_basis, occurred_at, outcome, explanation, record_seq";

    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final KnownPipelines pipelines;
    private final ProvisionStops stops;
    private final SubjectVault vault;
    private final LedgerEvents events;
    private final Checkpoints checkpoints;
    private final int checkpointEvery;
    private final ThreadLocal<HashChain> chains = ThreadLocal.withInitial(HashChain::new);

    RecordOccurrences(JdbcClient jdbc, javax.sql.DataSource dataSource, KnownPipelines pipelines,
                      ProvisionStops stops, SubjectVault vault, LedgerEvents events, Checkpoints checkpoints,
                      RecordingProperties properties) {
        this.jdbc = jdbc;
        this.stops = stops;
        this.dataSource = dataSource;
        this.pipelines = pipelines;
        this.vault = vault;
        this.events = events;
        this.checkpoints = checkpoints;
        this.checkpointEvery = properties.checkpointEvery();
    }

    /** A data subject's pseudonym and sealed items, made before the chain's lock is taken. */
    private record Subject(String pseudonym, SubjectVault.Sealed sealed) {
    }

    @Transactional
    public List<Outcome> record(List<Occurrence> batch) {
        // Sealing and pseudonyms need no order: done on all cores before the one-at-a-time part.
        var subjects = new java.util.IdentityHashMap<Occurrence, Subject>();
        batch.parallelStream().filter(o -> o.subjectKey() != null && !o.subjectKey().isBlank())
                .map(o -> java.util.Map.entry(o, new Subject(vault.pseudonym(o.subjectKey()), vault.seal(o.subjectKey(), o.subjectItems()))))
                .toList().forEach(e -> subjects.put(e.getKey(), e.getValue()));
        ChainHead.lock(jdbc);
        var ids = batch.stream().map(Occurrence::eventId).filter(Objects::nonNull).distinct().toArray(String[]::new);
        Set<String> seen = new HashSet<>(jdbc.sql("select event_id from occurrence where event_id = any(?)").param(ids)
                .query(String.class).list());
        var known = pipelines.find(batch.stream().map(Occurrence::pipelineId).filter(Objects::nonNull).distinct().toList());
        var stopped = stops.of(batch.stream().filter(o -> o.direction() == Occurrence.Direction.PROVIDED)
                .map(subjects::get).filter(Objects::nonNull).map(Subject::pseudonym).distinct().toList());
        var appended = new Batch(ChainHead.read(jdbc), Instant.now().truncatedTo(ChronoUnit.MILLIS), subjects, seen, known,
                stopped, batch.size());
        // Records go to PostgreSQL while the next ones are being hashed: the COPY is fed as the chain grows.
        CopyInRows.stream(dataSource, "ledger_record", RECORD_COLUMNS, records -> batch.forEach(o -> appended.take(o, records)));
        CopyInRows.copy(dataSource, "occurrence", OCCURRENCE_COLUMNS, appended.occurrences);
        // Refusals by COPY, as the records and occurrences are (one INSERT each before).
        CopyInRows.copy(dataSource, "rejection", "event_id, pipeline_id, rule, reason", appended.rejections);
        appended.due.forEach((at, hash) -> checkpoints.store(at, hash, "PERIODIC", appended.now));
        appended.rejected.forEach((key, r) -> events.rejected(key.get(0), r, appended.now));
        return appended.outcomes;
    }

    /** One batch as it is decided and appended to the chain, one occurrence at a time, in order. */
    private final class Batch {

        private final Instant now;
        private final Map<Occurrence, Subject> subjects;
        private final Set<String> seen;
        private final Map<String, KnownPipeline> known;
        /** The persons in this batch whose provision to third parties was stopped at their request. */
        private final Map<String, ProvisionStops.Stop> stopped;
        private final HashChain chain = chains.get();
        private final List<Outcome> outcomes;
        private final List<Object[]> occurrences = new ArrayList<>();
        private final List<Object[]> rejections = new ArrayList<>();
        /** One violation per pipeline and rule per batch: the inventory counts repeats of an open one anyway. */
        private final Map<List<String>, Decision.Rejected> rejected = new LinkedHashMap<>();
        /** The periodic checkpoints this batch reaches. */
        private final TreeMap<Long, String> due = new TreeMap<>();
        private long seq;
        private String prev;

        Batch(ChainHead head, Instant now, Map<Occurrence, Subject> subjects, Set<String> seen,
              Map<String, KnownPipeline> known, Map<String, ProvisionStops.Stop> stopped, int size) {
            this.stopped = stopped;
            this.seq = head.seq();
            this.prev = head.hash();
            this.now = now;
            this.subjects = subjects;
            this.seen = seen;
            this.known = known;
            this.outcomes = new ArrayList<>(size);
        }

        void take(Occurrence o, CopyInRows.Stream records) {
            if (o.eventId() != null && seen.contains(o.eventId())) {
                outcomes.add(new Outcome(o.eventId(), Status.DUPLICATE, null, "already accepted: recorded once", null, null));
                return;
            }
            switch (unlessRetired(o, unlessStopped(o, Statute.decide(o, Optional.ofNullable(o.pipelineId()).map(known::get))))) {
                case Decision.Rejected r -> {
                    rejections.add(new Object[] {o.eventId(), o.pipelineId(), r.rule(), r.reason()});
                    rejected.putIfAbsent(List.of(violationSubject(o), r.rule()), r);
                    outcomes.add(new Outcome(o.eventId(), Status.REJECTED, null, r.reason(), r.rule(), r.clause()));
                }
                case Decision.Exempt e -> {
                    seen.add(o.eventId());
                    occurrences.add(new Object[] {o.eventId(), o.direction().name(), o.pipelineId(), e.legalBasis(),
                            o.occurredAt(), "EXEMPT", e.explanation(), null});
                    outcomes.add(new Outcome(o.eventId(), Status.EXEMPT, null, e.explanation(), null, null));
                }
                case Decision.Record r -> append(o, r, records);
            }
        }

        /** An occurrence of a retired pipeline, on or after its retirement, is refused whatever else it is. */
        private Decision unlessRetired(Occurrence o, Decision decision) {
            KnownPipeline pipeline = o.pipelineId() == null ? null : known.get(o.pipelineId());
            Instant since = pipeline == null ? null : pipeline.retiredAt();
            if (since == null || decision instanceof Decision.Rejected || o.occurredAt().isBefore(since)) {
                return decision;
            }
            return Decision.Rejected.of(Rule.PIPELINE_RETIRED, "pipeline " + o.pipelineId() + " was retired on "
                    + since.atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDate() + ": it provides and receives nothing since");
        }

        /**
         * A provision to a third party (on consent or by opt-out) of a person whose stop request the company answered,
         * made on or after that answer, is refused with the request: Art. 35(3)/(4) leave no basis for it.
         */
        private Decision unlessStopped(Occurrence o, Decision decision) {
            if (stopped.isEmpty() || !(decision instanceof Decision.Record r) || o.direction() != Occurrence.Direction.PROVIDED
                    || !(r.legalBasis().equals("CONSENT") || r.legalBasis().equals("OPT_OUT"))) {
                return decision;
            }
            Subject subject = subjects.get(o);
            ProvisionStops.Stop stop = subject == null ? null : stopped.get(subject.pseudonym());
            if (stop == null || o.occurredAt().isBefore(stop.since())) {
                return decision;
            }
            return Decision.Rejected.of(Rule.PROVISION_STOPPED, "the person asked for provision of their data to third "
                    + "parties to stop and request " + stop.requestId() + " granted it on "
                    + stop.since().atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDate()
                    + ": this provision is not recorded; leave them out of pipeline " + o.pipelineId());
        }

        private void append(Occurrence o, Decision.Record r, CopyInRows.Stream records) {
            seen.add(o.eventId());
            seq++;
            var subject = subjects.get(o);
            var sealed = subject.sealed();
            Counterparty c = r.counterparty();
            var unhashed = new ChainedRecord(seq, r.kind(), o.eventId(), o.pipelineId(), r.legalBasis(),
                    r.recordMode(), o.occurredAt().truncatedTo(ChronoUnit.MILLIS), c.name(), c.address(),
                    c.representative(), c.country(), String.join(",", r.dataItems()), r.consentReference(),
                    r.acquisition(), r.optOutPublished(), String.join(",", new java.util.TreeSet<>(o.subjectItems().keySet())),
                    subject.pseudonym(), sealed.cipher(), sealed.keyId(), r.retentionGroup(),
                    r.retentionYears(), now, prev, null);
            String hash = chain.hash(prev, unhashed);
            records.add(row(unhashed, hash));
            occurrences.add(new Object[] {o.eventId(), o.direction().name(), o.pipelineId(), r.legalBasis(),
                    o.occurredAt(), "RECORDED", explanation(r), seq});
            outcomes.add(new Outcome(o.eventId(), Status.RECORDED, seq, explanation(r), null, null));
            prev = hash;
            if (seq % checkpointEvery == 0) {
                due.put(seq, hash);
            }
        }
    }

    /** Whom a refusal is about, for the DPO: the pipeline, or for a receipt without one its provider. */
    private static String violationSubject(Occurrence o) {
        return o.pipelineId() != null ? o.pipelineId()
                : o.provider() != null && o.provider().name() != null ? "receipt:" + o.provider().name() : "(no pipeline)";
    }

    private static String explanation(Decision.Record r) {
        return switch (r.kind()) {
            case "PROVISION" -> "Art. 29 provision record";
            case "CONFIRMATION" -> "Rule 28 record of the Art. 31 confirmation";
            default -> "Art. 30 confirmation record";
        } + " ("
                + r.legalBasis() + ", " + r.recordMode() + ", kept " + r.retentionYears() + " year(s)"
                + (r.retentionGroup() == null ? "" : " after the last provision of its group") + ")";
    }

    private static Object[] row(ChainedRecord r, String hash) {
        return new Object[] {r.seq(), r.kind(), r.eventId(), r.pipelineId(), r.legalBasis(), r.recordMode(),
                r.occurredAt(), r.counterpartyName(), r.counterpartyAddress(), r.counterpartyRepresentative(),
                r.counterpartyCountry(), r.dataItems(), r.consentReference(), r.acquisition(), r.optOutPublished(),
                r.subjectItemNames(), r.subjectPseudonym(), r.subjectCipher(), r.keyId(), r.retentionGroup(),
                r.retentionYears(), r.recordedAt(), r.prevHash(), hash};
    }
}
