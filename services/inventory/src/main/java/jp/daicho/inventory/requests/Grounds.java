package jp.daicho.inventory.requests;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why a request is refused or answered only in part — what the notice to the person must state (Art. 36: the
 * reasons, as far as possible) — each with the provision it rests on and the kinds of request it can answer.
 */
public enum Grounds {

    HARM_TO_A_PERSON(new Article("第33条第2項第1号", "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある",
            "It could harm the life, body, property or other rights of the person or a third party"),
            EnumSet.of(RequestKind.DISCLOSURE, RequestKind.PROVISION_RECORDS)),
    HINDERS_THE_BUSINESS(new Article("第33条第2項第2号", "当社の業務の適正な実施に著しい支障を及ぼすおそれがある",
            "It could seriously hinder the proper conduct of the company's business"),
            EnumSet.of(RequestKind.DISCLOSURE, RequestKind.PROVISION_RECORDS)),
    BREAKS_ANOTHER_LAW(new Article("第33条第2項第3号", "他の法令に違反することとなる",
            "It would break another law"), EnumSet.of(RequestKind.DISCLOSURE, RequestKind.PROVISION_RECORDS)),
    PURPOSE_ALREADY_CLEAR(new Article("第32条第2項ただし書", "利用目的が明らかである、又は通知により権利利益を害するおそれがある等",
            "The purpose is already clear, or notifying it could harm rights (Art. 21(4)(i)-(iii))"),
            EnumSet.of(RequestKind.PURPOSE_NOTICE)),
    NO_SUCH_DATA(new Article("第33条第3項", "該当する保有個人データ（又は第三者提供記録）が存在しない",
            "No such retained personal data (or provision record) exists"), EnumSet.allOf(RequestKind.class)),
    NOT_RETAINED_PERSONAL_DATA(new Article("第16条第4項", "保有個人データに該当しない（存否が明らかになることで公益その他の利益が害されるものとして政令で定めるもの等）",
            "It is not retained personal data under Art. 16(4)"), EnumSet.allOf(RequestKind.class)),
    IDENTITY_NOT_CONFIRMED(new Article("第37条第1項", "請求がご本人（又は代理人）からであることを確認できない",
            "The request could not be confirmed as the person's own (or their agent's)"),
            EnumSet.allOf(RequestKind.class)),
    NOT_FOUND_UNTRUE(new Article("第34条第2項", "調査の結果、内容が事実でないとは認められない",
            "Investigation did not find the content untrue"), EnumSet.of(RequestKind.CORRECTION)),
    NO_GROUNDS(new Article("第35条第2項・第4項・第6項", "請求に理由があるとは認められない",
            "The request's grounds were not found"), EnumSet.of(RequestKind.SUSPENSION, RequestKind.STOP_PROVISION)),
    ALTERNATIVE_MEASURE(new Article("第35条第2項・第4項・第6項ただし書", "多額の費用を要する等のため、本人の権利利益を保護するための代替措置をとった",
            "An alternative measure protecting the person was taken, as stopping would cost too much"),
            EnumSet.of(RequestKind.SUSPENSION, RequestKind.STOP_PROVISION)),
    ENTRUSTED_DATA(new Article("第16条第4項", "委託を受けて取り扱う個人データで当社に開示等の権限がなく、委託元の指示による",
            "The data is handled on a client's entrustment and the client decides"), EnumSet.allOf(RequestKind.class));

    private final Article article;
    private final Set<RequestKind> kinds;

    Grounds(Article article, Set<RequestKind> kinds) {
        this.article = article;
        this.kinds = kinds;
    }

    /** The ground in words, with the provision it rests on. */
    public Article article() {
        return article;
    }

    public boolean answers(RequestKind kind) {
        return kinds.contains(kind);
    }
}
