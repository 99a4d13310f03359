package jp.daicho.inventory.datasets;

import java.util.Collection;
import java.util.List;

import jp.daicho.vocabulary.Item;

/**
 * What a dataset holds in the law's terms, judged from its items as this company holds them (the provider's standard):
 * personal information (個人情報, Art. 2(1)) when an item identifies a person or the company links the data to a
 * dataset that does; personally-related information (個人関連情報, Art. 2(7)) when it holds items about a person none
 * of which identifies anyone here (a cookie or device id, browsing history, location, age, gender); nothing personal
 * otherwise. With the reason, in Japanese and English.
 */
public enum InformationKind {
    PERSONAL_INFORMATION, PERSONALLY_RELATED, NOT_PERSONAL;

    /** The kind, and why. */
    public record Judgement(InformationKind kind, String reason, String reasonEnglish) {
    }

    /**
     * @param items    the item codes of the dataset's present fields
     * @param linkedTo the dataset the company links it to (a declared dataset's {@code linked_to}), or null
     */
    public static Judgement judge(Collection<String> items, String linkedTo) {
        var personal = items.stream().filter(i -> !"none".equals(i)).distinct().sorted().toList();
        List<String> identifying = personal.stream().filter(Item::identifying).toList();
        return switch (of(personal.size(), identifying.size(), linkedTo != null)) {
            case NOT_PERSONAL -> new Judgement(NOT_PERSONAL, "個人に関する項目がありません", "no item about a person");
            case PERSONAL_INFORMATION -> identifying.isEmpty()
                    ? new Judgement(PERSONAL_INFORMATION, japanese(personal) + " は " + linkedTo
                            + " と照合され、個人を識別できます（容易照合性）", String.join(", ", personal) + " are linked to "
                            + linkedTo + ", which identifies the person (readily collated)")
                    : new Judgement(PERSONAL_INFORMATION, "個人を識別できる項目があります: " + japanese(identifying),
                            "it holds items that identify a person: " + String.join(", ", identifying));
            case PERSONALLY_RELATED -> new Judgement(PERSONALLY_RELATED, japanese(personal) + " は単体では個人を識別せず、識別できる項目と結び付いていません"
                + "（個人関連情報）: 提供先が個人データとして取得するなら第31条の確認が必要です", String.join(", ", personal)
                + " identify no one alone and are linked to nothing that does (personally-related information): a recipient "
                + "that will link them to personal data needs the confirmation of Art. 31");
        };
    }

    /** The kind from counts: personal fields, identifying ones among them, and whether the dataset is linked to another. */
    public static InformationKind of(int personal, int identifying, boolean linked) {
        return personal == 0 ? NOT_PERSONAL : identifying > 0 || linked ? PERSONAL_INFORMATION : PERSONALLY_RELATED;
    }

    /** The identifying items' codes as an SQL list, for queries that count them. */
    public static String identifyingCodes() {
        return String.join(", ", java.util.Arrays.stream(Item.values()).filter(Item::identifying)
                .map(i -> "'" + i.code() + "'").toList());
    }

    private static String japanese(List<String> codes) {
        return String.join("、", codes.stream().map(Item::japanese).toList());
    }
}
