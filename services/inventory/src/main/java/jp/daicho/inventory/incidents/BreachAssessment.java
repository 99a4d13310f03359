package jp.daicho.inventory.incidents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.ReportReason;

/**
 * Whether an incident must be reported to the Commission and told to the persons (APPI Art. 26(1)(2); Rule 7), why, and
 * by when (Rule 8), judged from what the affected datasets hold. No Spring, no database: the rules alone.
 * <ul>
 * <li>Rule 7(i): an item of 要配慮個人情報 in the statute's sense; (ii) a payment card or bank account (credentials only
 * when the service can pay or transfer: to confirm); (iii) the DPO's finding of a wrongful purpose; (iv) more than 1,000
 * persons — certain when one dataset alone holds more, to confirm when only the sum of several does (a person may be in
 * several), and to confirm when no number is known.</li>
 * <li>My Numbers: the My Number Act's own reporting (more than 100 persons, or a wrongful purpose).</li>
 * <li>The exception: data protected by high-level encryption is not reported (the reasons are still listed).</li>
 * <li>Deadlines count the day the company knew as the first day, weekends and holidays included: the 速報 by the fifth
 * day (the guidelines' "about three to five days"), the 確報 by the 30th, the 60th for a wrongful purpose — the earliest
 * reading of "within 30 days", so that a report is never late by a difference of reading.</li>
 * </ul>
 */
public final class BreachAssessment {

    static final long PERSONS_THRESHOLD = 1000;
    static final long MY_NUMBER_THRESHOLD = 100;
    static final int PRELIMINARY_DAYS = 5;
    static final int FINAL_DAYS = 30;
    static final int FINAL_DAYS_WRONGFUL = 60;

    /**
     * What one affected dataset holds about one category of person: the item codes, the persons recorded in the 台帳 and
     * the source's row estimate (null when unknown). A dataset with no personal field has no category and no items.
     */
    public record Held(String datasetId, String system, String category, List<String> items, Long persons, Long rows) {

        public Held {
            items = items == null ? List.of() : List.copyOf(items);
        }

        boolean personal() {
            return category != null && !items.isEmpty();
        }
    }

    /**
     * How many persons: {@code atLeast} the largest count of one dataset, {@code atMost} the sum over them (a person may
     * be counted in several); {@code recorded} whether every count is one the DPO recorded rather than a row estimate;
     * both null when no dataset has a count.
     */
    public record Persons(Long atLeast, Long atMost, boolean recorded) {
    }

    /**
     * @param reportable whether the Commission and the persons must be told
     * @param reasons    the cases of Rule 7 (and the My Number Act) that apply
     * @param toConfirm  cases that may apply and the DPO must confirm (the number of persons, credentials)
     * @param excepted   protected by high-level encryption: not reported whatever the reasons
     * @param preliminaryDueOn the 速報's last day, when it must or may have to be reported
     * @param finalDueOn the 確報's last day, likewise
     */
    public record Assessment(boolean personal, boolean reportable, List<ReportReason> reasons, List<ReportReason> toConfirm,
                             boolean excepted, Persons persons, LocalDate preliminaryDueOn, LocalDate finalDueOn) {
    }

    private BreachAssessment() {
    }

    public static Assessment assess(LocalDate discoveredOn, boolean wrongfulPurpose, boolean highLevelEncryption,
                                    List<Held> held) {
        var personal = held.stream().filter(Held::personal).toList();
        var items = personal.stream().flatMap(h -> h.items().stream()).distinct().toList();
        var reasons = new ArrayList<ReportReason>();
        var toConfirm = new ArrayList<ReportReason>();
        Persons persons = persons(personal);
        if (!personal.isEmpty()) {
            if (items.stream().anyMatch(Item::requiresCare)) {
                reasons.add(ReportReason.SENSITIVE);
            }
            if (items.contains(Item.PAYMENT_CARD.code()) || items.contains(Item.BANK_ACCOUNT.code())) {
                reasons.add(ReportReason.FINANCIAL);
            } else if (items.contains(Item.CREDENTIAL.code())) {
                toConfirm.add(ReportReason.FINANCIAL);
            }
            if (wrongfulPurpose) {
                reasons.add(ReportReason.WRONGFUL_PURPOSE);
            }
            if (persons.atLeast() != null && persons.atLeast() > PERSONS_THRESHOLD) {
                reasons.add(ReportReason.OVER_1000);
            } else if (persons.atMost() == null || persons.atMost() > PERSONS_THRESHOLD) {
                toConfirm.add(ReportReason.OVER_1000);
            }
            if (items.contains(Item.MY_NUMBER.code())) {
                long myNumberPersons = personal.stream().filter(h -> h.items().contains(Item.MY_NUMBER.code()))
                        .map(BreachAssessment::count).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(-1);
                (wrongfulPurpose || myNumberPersons > MY_NUMBER_THRESHOLD ? reasons : toConfirm).add(ReportReason.MY_NUMBER);
            }
        }
        boolean reportable = !highLevelEncryption && !reasons.isEmpty();
        boolean mayBe = !highLevelEncryption && !toConfirm.isEmpty();
        LocalDate preliminary = reportable || mayBe ? discoveredOn.plusDays(PRELIMINARY_DAYS - 1) : null;
        LocalDate fin = reportable || mayBe ? discoveredOn.plusDays(
                (reasons.contains(ReportReason.WRONGFUL_PURPOSE) ? FINAL_DAYS_WRONGFUL : FINAL_DAYS) - 1) : null;
        return new Assessment(!personal.isEmpty(), reportable, List.copyOf(reasons), List.copyOf(toConfirm),
                highLevelEncryption && !reasons.isEmpty(), persons, preliminary, fin);
    }

    /** One count per dataset (its categories share its rows): the persons recorded, else the row estimate. */
    private static Persons persons(List<Held> personal) {
        var perDataset = new LinkedHashMap<String, Long>();
        boolean recorded = true;
        for (var h : personal) {
            Long n = count(h);
            recorded &= h.persons() != null;
            if (n != null) {
                perDataset.merge(h.datasetId(), n, Math::max);
            }
        }
        if (perDataset.isEmpty()) {
            return new Persons(null, null, false);
        }
        long max = perDataset.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long sum = perDataset.values().stream().mapToLong(Long::longValue).sum();
        // A dataset without any count leaves the sum a lower bound only.
        boolean complete = personal.stream().allMatch(h -> count(h) != null);
        return new Persons(max, complete ? sum : null, recorded);
    }

    private static Long count(Held h) {
        return h.persons() != null ? h.persons() : h.rows();
    }
}
