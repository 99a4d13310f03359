package jp.daicho.inventory.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.events.requests.SubjectRequestChanged;
import jp.daicho.events.incidents.IncidentRecorded;
import jp.daicho.inventory.incidents.IncidentEvents;
import jp.daicho.inventory.incidents.IncidentReport;
import jp.daicho.inventory.pipelines.PipelineEvents;
import jp.daicho.inventory.pipelines.PipelineManifest;
import jp.daicho.inventory.pipelines.PipelineRules;
import jp.daicho.inventory.requests.RequestEvents;
import jp.daicho.outbox.Outbox;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Pipeline, review and request events, encoded as Avro and written to the outbox in the caller's transaction: published once
 * it commits ({@link Outbox}), never for a change rolled back.
 */
@Component
class KafkaEvents implements PipelineEvents, jp.daicho.inventory.review.ReviewEvents, RequestEvents, IncidentEvents,
        jp.daicho.inventory.readers.ReaderEvents {

    /** One relay of the inventory's outbox at a time across its instances ("inventory" as a number). */
    static final long OUTBOX_LOCK = 0x696e76656e746fL;

    private final Outbox outbox;
    private final AvroSerde<PipelineRegistered> registered = AvroSerde.of(PipelineRegistered.class);
    private final AvroSerde<ViolationRaised> violations = AvroSerde.of(ViolationRaised.class);
    private final AvroSerde<SubjectRequestChanged> requests = AvroSerde.of(SubjectRequestChanged.class);
    private final AvroSerde<IncidentRecorded> incidents = AvroSerde.of(IncidentRecorded.class);
    private final AvroSerde<jp.daicho.events.pipelines.PipelineRetired> retirements =
            AvroSerde.of(jp.daicho.events.pipelines.PipelineRetired.class);
    private final AvroSerde<jp.daicho.events.inventory.ClassificationReviewed> reviews =
            AvroSerde.of(jp.daicho.events.inventory.ClassificationReviewed.class);

    KafkaEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void registered(PipelineManifest m, List<String> fields, List<String> items, Recipient recipient, String country,
                           String policyVersion, String by, Instant at) {
        var event = PipelineRegistered.newBuilder().setPipelineId(m.id()).setName(m.name()).setOwner(m.owner())
                .setFields(fields).setDataItems(items)
                .setRecipient(jp.daicho.events.pipelines.Recipient.newBuilder().setName(recipient.name())
                        .setKind(recipient.kind()).setAddress(recipient.address())
                        .setRepresentative(recipient.representative()).setCountry(recipient.country()).build()).setDestinationSystem(m.destinationSystem()).setDestinationParty(m.destinationParty())
                .setPurposes(m.purposes().stream().map(p -> p.category() + ":" + p.id()).toList())
                .setLegalBasis(m.legalBasis().name())
                .setLegalExceptionItem(m.legalExceptionItem() == null ? null : m.legalExceptionItem().toString())
                .setCountry(country).setCrossBorderBasis(m.crossBorderBasis() == null ? null : m.crossBorderBasis().name())
                .setRecordMode(m.recordMode() == null ? null : m.recordMode().name()).setPolicyVersion(policyVersion)
                .setRegisteredBy(by).setRegisteredAt(at).build();
        send(Topics.PIPELINE_REGISTERED, m.id(), registered.encode(event));
    }

    @Override
    public void violationRaised(String pipelineId, PipelineRules.Violation v, Instant at) {
        var event = ViolationRaised.newBuilder().setPipelineId(pipelineId).setRaisedBy("inventory").setDatasetId(v.datasetId()).setField(v.field())
                .setRule(v.rule()).setMessage(v.message()).setClause(v.clause()).setRaisedAt(at).build();
        send(Topics.VIOLATION_RAISED, pipelineId, violations.encode(event));
    }

    @Override
    public void reviewed(String datasetId, String field, String item, String subject, boolean sensitive, String state,
                         String by, Instant at) {
        var event = jp.daicho.events.inventory.ClassificationReviewed.newBuilder().setDatasetId(datasetId).setColumn(field)
                .setItem(item).setSubject(subject).setSensitive(sensitive).setReviewState(state).setReviewedBy(by)
                .setReviewedAt(at).build();
        send(Topics.CLASSIFICATION_REVIEWED, Topics.fieldKey(datasetId, field), reviews.encode(event));
    }

    @Override
    public void retired(String pipelineId, String reason, String request, String by, Instant at) {
        send(Topics.PIPELINE_RETIRED, pipelineId, retirements.encode(jp.daicho.events.pipelines.PipelineRetired.newBuilder()
                .setPipelineId(pipelineId).setReason(reason).setRequestId(request).setRetiredBy(by).setRetiredAt(at).build()));
    }

    @Override
    public void requestChanged(String id, String kind, String category, String subjectPseudonym, String status,
                               List<String> grounds, LocalDate receivedOn, LocalDate dueOn, String by, Instant at) {
        var event = SubjectRequestChanged.newBuilder().setRequestId(id).setKind(kind).setCategory(category)
                .setSubjectPseudonym(subjectPseudonym).setStatus(status).setGrounds(grounds).setReceivedOn(receivedOn)
                .setDueOn(dueOn).setChangedBy(by).setChangedAt(at).build();
        send(Topics.SUBJECT_REQUEST_CHANGED, id, requests.encode(event));
    }

    @Override
    public void unregisteredFlow(String reader, PipelineRules.Violation v, Instant at) {
        var event = ViolationRaised.newBuilder().setPipelineId(null).setReader(reader).setRaisedBy("inventory")
                .setDatasetId(v.datasetId()).setField(v.field()).setRule(v.rule()).setMessage(v.message()).setClause(v.clause())
                .setRaisedAt(at).build();
        send(Topics.VIOLATION_RAISED, reader, violations.encode(event));
    }

    @Override
    public void incidentRecorded(String change, IncidentReport report, String by, Instant at) {
        var i = report.incident();
        var v = report.verdict();
        var event = IncidentRecorded.newBuilder().setIncidentId(i.id()).setChange(change).setKind(i.kind().name())
                .setDiscoveredOn(i.discoveredOn())
                .setDatasets(report.datasets().stream().map(IncidentReport.AffectedDataset::datasetId).distinct().toList())
                .setItems(report.datasets().stream().flatMap(d -> d.itemCodes().stream()).distinct().toList())
                .setPersonsAtMost(v.personsAtMost() != null ? v.personsAtMost() : v.personsAtLeast())
                .setReportable(v.reportable()).setReasons(v.reasons().stream().map(IncidentReport.IncidentReason::code).toList())
                .setPreliminaryDueOn(v.preliminaryDueOn()).setFinalDueOn(v.finalDueOn())
                .setRecipients(report.recipients().stream().map(r -> r.kind().toLowerCase(java.util.Locale.ROOT) + ":" + r.id()).toList())
                .setChangedBy(by).setChangedAt(at).build();
        send(Topics.INCIDENT_RECORDED, i.id(), incidents.encode(event));
    }

    private void send(String topic, String key, byte[] value) {
        outbox.enqueue(topic, key, value);
    }
}
