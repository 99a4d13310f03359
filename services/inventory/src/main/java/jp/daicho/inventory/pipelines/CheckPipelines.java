package jp.daicho.inventory.pipelines;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import jp.daicho.inventory.datasets.ClassificationChanged;
import jp.daicho.inventory.policy.PolicyRepository;

/**
 * Continuous checks: when a field's classification changes, the registered pipelines that read it are
 * checked again (a column upstream of an opt-out provision turned out to hold health data), and each new
 * violation is stored for the DPO and published as {@code ViolationRaised}. Listens to {@link ClassificationChanged},
 * inside the transaction that records the classification.
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

    @EventListener
    public void onClassificationChanged(ClassificationChanged change) {
        String datasetId = change.datasetId();
        String field = change.field();
        var readers = pipelines.readers(datasetId, field);
        if (readers.isEmpty()) {
            return; // the common case: no registered pipeline reads this field
        }
        var facts = pipelines.field(datasetId, field).stream().toList();
        var policy = policies.current().policy();
        Instant now = Instant.now();
        for (String id : readers) {
            var m = PipelineManifest.read(pipelines.manifest(id).orElseThrow(), "pipeline " + id);
            var destination = pipelines.destination(m);
            if (destination.isEmpty()) {
                continue;
            }
            for (var v : PipelineRules.fieldRules(m, policy, facts, destination.get())) {
                if (pipelines.raise(id, v, now)) {
                    log.warn("Pipeline {} now breaks rule {} at {}.{}", id, v.rule(), datasetId, field);
                    events.violationRaised(id, v, now);
                }
            }
        }
    }
}
