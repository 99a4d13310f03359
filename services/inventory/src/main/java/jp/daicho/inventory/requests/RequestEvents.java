package jp.daicho.inventory.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Tells the rest of the company that a request changed ({@code ingest/} publishes it), in the change's transaction. */
public interface RequestEvents {

    void requestChanged(String id, String kind, String category, String subjectPseudonym, String status,
                        List<String> grounds, LocalDate receivedOn, LocalDate dueOn, String by, Instant at);
}
