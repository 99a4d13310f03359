package jp.daicho.inventory.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.inventory.incidents.BreachAssessment.Held;
import jp.daicho.vocabulary.ReportReason;

/** The cases of Rule 7, the exception, and the deadlines of Rule 8, on what affected datasets hold. */
class BreachAssessmentTest {

    static final LocalDate KNEW = LocalDate.of(2026, 12, 1);

    static Held held(String dataset, String category, Long persons, Long rows, String... items) {
        return new Held(dataset, "hr", category, List.of(items), persons, rows);
    }

    @Test
    void healthDataOfOnePersonMustBeReportedWithTheDeadlinesCountedFromTheDayTheCompanyKnew() {
        var a = BreachAssessment.assess(KNEW, false, false, List.of(held("hr.public.health", "employee", null, 3L, "medical", "name")));
        assertThat(a.reportable()).isTrue();
        assertThat(a.reasons()).containsExactly(ReportReason.SENSITIVE);
        assertThat(a.preliminaryDueOn()).as("the fifth day, the first being the day it was known").isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(a.finalDueOn()).as("the 30th day").isEqualTo(LocalDate.of(2026, 12, 30));
    }

    @Test
    void aWrongfulPurposeGivesSixtyDaysForTheFinalReport() {
        var a = BreachAssessment.assess(KNEW, true, false, List.of(held("shop.public.members", "customer", null, 10L, "email")));
        assertThat(a.reasons()).containsExactly(ReportReason.WRONGFUL_PURPOSE);
        assertThat(a.finalDueOn()).isEqualTo(LocalDate.of(2027, 1, 29));
    }

    @Test
    void aTableWithoutPersonalDataIsNoCaseAndHasNoDeadline() {
        var a = BreachAssessment.assess(KNEW, true, false, List.of(new Held("shop.public.products", "shop", null, List.of(), null, 5000L)));
        assertThat(a.personal()).isFalse();
        assertThat(a.reportable()).isFalse();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.preliminaryDueOn()).isNull();
    }

    @Test
    void moreThanAThousandPersonsInOneTableIsACaseWhileOnlyTheSumOfSeveralIsToConfirm() {
        var one = BreachAssessment.assess(KNEW, false, false, List.of(held("a", "customer", null, 1200L, "email")));
        assertThat(one.reasons()).containsExactly(ReportReason.OVER_1000);
        var several = BreachAssessment.assess(KNEW, false, false,
                List.of(held("a", "customer", null, 600L, "email"), held("b", "customer", 700L, 9000L, "name")));
        assertThat(several.reportable()).isFalse();
        assertThat(several.toConfirm()).containsExactly(ReportReason.OVER_1000);
        assertThat(several.persons().atLeast()).as("the 台帳's persons before the rows").isEqualTo(700);
        assertThat(several.persons().atMost()).isEqualTo(1300);
        assertThat(several.preliminaryDueOn()).as("a deadline in case it is").isNotNull();
        var few = BreachAssessment.assess(KNEW, false, false, List.of(held("a", "customer", 20L, 600L, "email")));
        assertThat(few.reportable()).isFalse();
        assertThat(few.toConfirm()).isEmpty();
        assertThat(few.preliminaryDueOn()).isNull();
        var unknown = BreachAssessment.assess(KNEW, false, false, List.of(held("a", "customer", null, null, "email")));
        assertThat(unknown.toConfirm()).as("no count known: the DPO counts").containsExactly(ReportReason.OVER_1000);
    }

    @Test
    void cardsAndAccountsAreFinancialCredentialsAreToConfirm() {
        assertThat(BreachAssessment.assess(KNEW, false, false, List.of(held("a", "customer", 5L, null, "payment_card"))).reasons())
                .containsExactly(ReportReason.FINANCIAL);
        var credentials = BreachAssessment.assess(KNEW, false, false, List.of(held("a", "customer", 5L, null, "credential")));
        assertThat(credentials.reasons()).isEmpty();
        assertThat(credentials.toConfirm()).containsExactly(ReportReason.FINANCIAL);
    }

    @Test
    void highLevelEncryptionExceptsTheIncidentButKeepsItsReasons() {
        var a = BreachAssessment.assess(KNEW, false, true, List.of(held("hr.public.health", "employee", null, 3L, "medical")));
        assertThat(a.reportable()).isFalse();
        assertThat(a.excepted()).isTrue();
        assertThat(a.reasons()).containsExactly(ReportReason.SENSITIVE);
        assertThat(a.finalDueOn()).isNull();
    }

    @Test
    void unionMembershipIsSpecialCareButNotTheStatutesSensitiveData() {
        var a = BreachAssessment.assess(KNEW, false, false, List.of(held("hr.public.union", "employee", 10L, null, "union_membership")));
        assertThat(a.reasons()).isEmpty();
    }

    @Test
    void myNumbersOfMoreThanAHundredPersonsAreReportedUnderTheMyNumberAct() {
        var many = BreachAssessment.assess(KNEW, false, false, List.of(held("hr.public.staff", "employee", 150L, null, "my_number")));
        assertThat(many.reasons()).containsExactly(ReportReason.MY_NUMBER);
        var few = BreachAssessment.assess(KNEW, false, false, List.of(held("hr.public.staff", "employee", 50L, null, "my_number")));
        assertThat(few.reasons()).isEmpty();
        assertThat(few.toConfirm()).containsExactly(ReportReason.MY_NUMBER);
    }
}
