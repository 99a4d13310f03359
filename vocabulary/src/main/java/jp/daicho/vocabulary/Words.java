package jp.daicho.vocabulary;

import java.util.Locale;

/** What a person reads for a term: in Japanese, the default, and in English. */
public record Words(String japanese, String english) {

    /** The words for a reader with this locale: Japanese unless it is another language. */
    public String in(Locale locale) {
        return Term.readsJapanese(locale) ? japanese : english;
    }
}
