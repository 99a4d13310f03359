package jp.daicho.inventory.incidents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jp.daicho.vocabulary.IncidentKind;

/**
 * An incident as recorded: what happened ({@code kind}), to which systems (each of their datasets) and datasets, when
 * it happened and when the company knew ({@code discoveredOn}, from which the deadlines count), the cause, and what was
 * done; whether it may have been done with a wrongful purpose (Rule 7(iii)) and whether the data was protected by
 * high-level encryption (Rule 7's exception). The report's other items are drafted from the inventory
 * ({@link IncidentReport}).
 */
public record Incident(String id, String title, IncidentKind kind, LocalDate discoveredOn, Instant occurredFrom,
                       Instant occurredTo, List<String> systems, List<String> datasets, String cause,
                       boolean wrongfulPurpose, boolean highLevelEncryption, String secondaryDamage,
                       String responseToPersons, String publication, String recurrencePrevention, String other,
                       LocalDate preliminaryReportedOn, LocalDate finalReportedOn, LocalDate personsNotifiedOn,
                       String recordedBy, Instant recordedAt, String updatedBy, Instant updatedAt) {

    public Incident {
        systems = systems == null ? List.of() : List.copyOf(systems);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    /** What the DPO records or changes: the incident whole, as it is now known. */
    public record IncidentChange(String title, IncidentKind kind, LocalDate discoveredOn, Instant occurredFrom,
                                 Instant occurredTo, List<String> systems, List<String> datasets, String cause,
                                 Boolean wrongfulPurpose, Boolean highLevelEncryption, String secondaryDamage,
                                 String responseToPersons, String publication, String recurrencePrevention, String other,
                                 LocalDate preliminaryReportedOn, LocalDate finalReportedOn, LocalDate personsNotifiedOn) {

        public IncidentChange {
            systems = systems == null ? List.of() : List.copyOf(systems);
            datasets = datasets == null ? List.of() : List.copyOf(datasets);
        }
    }
}
