package jp.daicho.inventory.incidents;

import java.time.Instant;

/** Tells the rest of the company that an incident was recorded or changed ({@code ingest/} publishes it), in its transaction. */
public interface IncidentEvents {

    /** @param change RECORDED, UPDATED, PRELIMINARY_REPORTED, FINAL_REPORTED or PERSONS_NOTIFIED */
    void incidentRecorded(String change, IncidentReport report, String by, Instant at);
}
