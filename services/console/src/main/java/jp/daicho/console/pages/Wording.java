package jp.daicho.console.pages;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import jp.daicho.vocabulary.CrossBorderBasis;
import jp.daicho.vocabulary.EvidenceKind;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.LegalBasis;
import jp.daicho.vocabulary.ReviewState;
import jp.daicho.vocabulary.Rule;
import jp.daicho.vocabulary.Subject;
import jp.daicho.vocabulary.Term;

/**
 * The shared vocabulary in the reader's language, for templates: {@code ${@words.item(code)}},
 * {@code ${@words.rule(id)}}. Its words come from {@code jp.daicho.vocabulary}, the one place every service takes
 * them from, so the console never shows a code where a word is due; a code this version does not know is shown
 * as it came.
 */
@Component("words")
public class Wording {

    private final org.springframework.context.MessageSource messages;

    Wording(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    public String item(String code) {
        return text(Item.class, code);
    }

    public String subject(String code) {
        return text(Subject.class, code);
    }

    public String basis(String code) {
        return text(LegalBasis.class, code);
    }

    public String crossBorder(String code) {
        return text(CrossBorderBasis.class, code);
    }

    /** A kind of security-control measure (安全管理措置), in the reader's language. */
    public String measureKind(String code) {
        return text(jp.daicho.vocabulary.MeasureKind.class, code);
    }

    public String state(String code) {
        return text(ReviewState.class, code);
    }

    /** What a rule asks, in the reader's language. */
    public String rule(String id) {
        return Rule.byId(id).map(r -> r.text(locale())).orElse(id == null ? "" : id);
    }

    /** The clause a rule rests on, in the reader's language; {@code otherwise} (a violation's own clause) if unknown. */
    public String clause(String id, String otherwise) {
        return Rule.byId(id).map(r -> r.clauses().in(locale())).orElse(otherwise);
    }

    /** One piece of a classification's evidence as the reader reads it. */
    public String evidence(String evidence) {
        return EvidenceKind.describe(evidence, locale());
    }

    /** Items named by their codes, as the reader's words in one line: 氏名、メールアドレス. */
    public String items(java.util.Collection<String> codes) {
        return codes == null ? "" : String.join(Term.readsJapanese(locale()) ? "、" : ", ", codes.stream().map(this::item).toList());
    }

    /** The signed-in user's roles in the reader's words: 個人情報保護管理者, 監査担当者. */
    public String roles(java.util.Collection<String> roles) {
        return roles == null ? "" : String.join(", ", roles.stream()
                .map(r -> messages.getMessage("role." + r, null, r, locale())).toList());
    }

    public List<String> items() {
        return codes(Item.class);
    }

    public List<String> subjects() {
        return codes(Subject.class);
    }

    private static <T extends Enum<T> & Term> String text(Class<T> type, String code) {
        Optional<T> term = Term.find(type, code);
        return term.map(t -> t.text(locale())).orElse(code == null ? "" : code);
    }

    private static <T extends Enum<T> & Term> List<String> codes(Class<T> type) {
        return Arrays.stream(type.getEnumConstants()).map(Term::code).toList();
    }

    /** A code the API describes itself (a request's kind, a ground), in the reader's language with its article. */
    public String described(jp.daicho.client.Inventory.Described d) {
        if (d == null) {
            return "";
        }
        return ("en".equals(locale().getLanguage()) ? d.english() : d.japanese()) + "（" + d.article() + "）";
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
