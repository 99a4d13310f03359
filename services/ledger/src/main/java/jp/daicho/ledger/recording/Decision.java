package jp.daicho.ledger.recording;

import java.util.List;

import jp.daicho.vocabulary.Rule;

/** What the statute asks of one occurrence: a record, nothing (with the reason), or a refusal. */
public sealed interface Decision {

    /**
     * A statutory record of Art. 29 (PROVISION), Art. 30 (RECEIPT) or of the Art. 31 confirmation (CONFIRMATION, Rule 28),
     * with exactly the items its case requires.
     */
    record Record(String kind, String legalBasis, String recordMode, Counterparty counterparty, List<String> dataItems,
                  String consentReference, String acquisition, Boolean optOutPublished, int retentionYears,
                  String retentionGroup) implements Decision {
    }

    /** No record is owed; counted, with the provision of the law that says so. */
    record Exempt(String legalBasis, String explanation) implements Decision {
    }

    /** Refused: the {@link Rule}'s id, what is wrong and how to fix it, and the clause the rule rests on. */
    record Rejected(String rule, String reason, String clause) implements Decision {

        static Rejected of(Rule rule, String reason) {
            return new Rejected(rule.code(), reason, rule.clause());
        }
    }
}
