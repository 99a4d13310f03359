package jp.daicho.inventory.incidents;

import java.time.LocalDate;
import java.util.List;

/**
 * The report of an incident as the inventory drafts it: the record, the verdict (must it be reported, why, by when), the
 * items of the report the Commission asks for (Rule 8(1), numbered as there), the datasets affected with what they hold,
 * the recipients the data went to by pipelines (who may need to be told), and the clients whose data it is where the
 * company holds it on their behalf (the proviso of Art. 26(1): the processor tells its client).
 *
 * @param unknown systems or datasets the record names that the inventory does not know
 */
public record IncidentReport(Incident incident, IncidentVerdict verdict, List<ReportField> fields,
                             List<AffectedDataset> datasets, List<DownstreamRecipient> recipients,
                             List<EntrustingClient> clients, List<String> unknown) {

    /**
     * @param personal     whether any affected dataset holds personal data
     * @param reportable   the Commission (速報 and 確報) and the persons must be told
     * @param excepted     protected by high-level encryption: not reported, whatever the reasons
     * @param personsAtLeast the largest count of one dataset; {@code personsAtMost} the sum (null: not all known)
     * @param preliminaryDueOn the 速報's last day; {@code finalDueOn} the 確報's (null when not reportable)
     * @param overdue      a due report not sent by its day
     */
    public record IncidentVerdict(boolean personal, boolean reportable, boolean excepted, List<IncidentReason> reasons,
                                  List<IncidentReason> toConfirm, Long personsAtLeast, Long personsAtMost,
                                  boolean personsRecorded, LocalDate preliminaryDueOn, LocalDate finalDueOn,
                                  List<String> overdue, String summary, String summaryEnglish) {
    }

    /** A case of Rule 7 (or of the My Number Act), with its provision, in Japanese and English. */
    public record IncidentReason(String code, String article, String articleEnglish, String japanese, String english) {
    }

    /** One item of the report (Rule 8(1)(i)–(ix)): its number, its name in Japanese and English, and what it says. */
    public record ReportField(int number, String label, String labelEnglish, String value) {
    }

    /** A dataset affected, per category of person: its items (codes, and in Japanese), whether 要配慮, the counts. */
    public record AffectedDataset(String datasetId, String system, String category, String categoryLabel,
                                  List<String> itemCodes, List<String> items, boolean requiresCare, Long persons, Long rows) {
    }

    /**
     * Where the affected data went by pipelines registered at the time of the report: a party (a contractor, a third
     * party, a joint user) or one of the company's systems (a copy that may be affected too).
     */
    public record DownstreamRecipient(String kind, String id, String name, String country, List<String> bases,
                                      List<String> pipelines, List<String> datasets, List<String> items) {
    }

    /** A client the company holds an affected dataset for, who must be told (Art. 26(1) proviso). */
    public record EntrustingClient(String datasetId, String party, String name) {
    }
}
