package jp.daicho.inventory.pipelines;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import jp.daicho.inventory.datasets.ClassificationChanged;
import jp.daicho.inventory.parties.ReferenceChanged;
import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyRepository;

/**
 * Continuous checks: when a field's classification changes, the registered pipelines that read it are
 * checked again (a column upstream of an opt-out provision turned out to hold health data); when a party or system
 * changes, the pipelines going there are checked again whole. Each new violation is stored for the DPO and published
 * as {@code ViolationRaised}; one the check no longer finds is resolved, by "daicho" and the cause, and stays in the
 * history. Listens to {@link ClassificationChanged} and {@link ReferenceChanged}, inside the transaction that records
 * the change.
 */
@Service
public class CheckPipelines {

    private static final Logger log = LoggerFactory.getLogger(CheckPipelines.class);

    private final PipelineRepository pipelines;
    private final PolicyRepository policies;
    private final PipelineEvents events;

    CheckPipelines(PipelineRepository pipelines, PolicyRepository policies, PipelineEvents events) {
        this.pipelines = pipelines;
        this.policies = policies;
        this.events = events;
    }

    /** A violation another service found (the ledger refusing a provision), kept for the DPO with the others. */
    @org.springframework.transaction.annotation.Transactional
    public void onViolationRaisedElsewhere(String pipelineId, PipelineRules.Violation violation, String by, Instant at) {
        pipelines.raisedElsewhere(pipelineId, violation, by, at);
    }

    /**
     * A field's classification changed: every active pipeline reading it is checked again, whole — its sensitivity, its
     * item, and whether the pipeline declares a purpose for the field's category.
     */
    @EventListener
    public void onClassificationChanged(ClassificationChanged change) {
        var readers = pipelines.readers(change.datasetId(), change.field());
        if (readers.isEmpty()) {
            return; // the common case: no registered pipeline reads this field
        }
        var policy = policies.current().policy();
        String cause = change.datasetId() + "." + change.field() + " reclassified";
        var today = jp.daicho.vocabulary.Japan.today();
        readers.forEach(id -> recheck(id, policy, cause, today));
    }

    /**
     * A party or system changed: every active pipeline going there is checked again, whole — a contractor that lost its
     * contract reference, a recipient that moved abroad — and what no longer holds is resolved.
     */
    @EventListener
    public void onReferenceChanged(ReferenceChanged change) {
        var policy = policies.current().policy();
        String cause = (change.party() ? "party " : "system ") + change.id() + " changed";
        var today = jp.daicho.vocabulary.Japan.today();
        pipelines.goingTo(change.party(), change.id()).forEach(id -> recheck(id, policy, cause, today));
    }

    /** A dataset came to be held for a client, or stopped being: every active pipeline reading it is checked again. */
    @EventListener
    public void onProcessingChanged(jp.daicho.inventory.processing.ProcessingChanged change) {
        var policy = policies.current().policy();
        var today = jp.daicho.vocabulary.Japan.today();
        pipelines.readersOf(change.datasetId())
                .forEach(id -> recheck(id, policy, change.datasetId() + " held for a client changed", today));
    }

    /** A country's regime was recorded or changed: every active pipeline going there is checked again, whole. */
    @EventListener
    public void onRegimeChanged(jp.daicho.inventory.safeguards.RegimeChanged change) {
        var policy = policies.current().policy();
        var today = jp.daicho.vocabulary.Japan.today();
        pipelines.goingToCountry(change.country())
                .forEach(id -> recheck(id, policy, "regime of " + change.country() + " recorded", today));
    }

    /**
     * Every active pipeline checked again, whole, against {@code policy} as of {@code day} (a new version in force, a
     * new day: supervision falling overdue); how many.
     */
    public int recheckAll(Policy policy, String cause, java.time.LocalDate day) {
        var ids = pipelines.active();
        ids.forEach(id -> recheck(id, policy, cause, day));
        return ids.size();
    }

    private void recheck(String id, Policy policy, String cause, java.time.LocalDate day) {
        var m = PipelineManifest.read(pipelines.manifest(id).orElseThrow(), "pipeline " + id);
        var destination = pipelines.destination(m, day);
        if (destination.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        var found = PipelineRules.check(m, policy, pipelines.fields(m, new java.util.ArrayList<>()), destination.get());
        raise(id, found, now);
        resolved(id, pipelines.resolveGone(id, found, "daicho (" + cause + ")", now));
    }

    private void raise(String id, java.util.List<PipelineRules.Violation> found, Instant now) {
        for (var v : found) {
            if (pipelines.raise(id, v, now)) {
                log.warn("Pipeline {} now breaks rule {}{}", id, v.rule(), v.field() == null ? "" : " at " + v.datasetId() + "." + v.field());
                events.violationRaised(id, v, now);
            }
        }
    }

    private static void resolved(String id, java.util.List<String> rules) {
        if (!rules.isEmpty()) {
            log.info("Pipeline {} no longer breaks {}: resolved", id, rules);
        }
    }
}
