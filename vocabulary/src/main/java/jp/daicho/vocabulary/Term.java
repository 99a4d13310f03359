package jp.daicho.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One word of the shared vocabulary: the {@link #code()} that events, the database and the APIs carry (part of the
 * product, kept exactly), and the words a person reads for it in Japanese and English.
 */
public interface Term {

    /** The code: by default the constant's name ({@code CONSENT}); the taxonomy's codes are lower case. */
    default String code() {
        return ((Enum<?>) this).name();
    }

    /** What a person reads for it. */
    Words words();

    default String japanese() {
        return words().japanese();
    }

    default String english() {
        return words().english();
    }

    /** The text for a reader: Japanese unless the locale is another language. */
    default String text(Locale locale) {
        return words().in(locale);
    }

    /** Whether a reader with this locale reads Japanese: Japanese is the default, English the alternative. */
    static boolean readsJapanese(Locale locale) {
        return locale == null || locale.getLanguage().isEmpty() || "ja".equals(locale.getLanguage());
    }

    /** The term of {@code type} whose code is {@code code}, if there is one. */
    static <T extends Enum<T> & Term> Optional<T> find(Class<T> type, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(type.cast(TermIndex.BY_CODE.get(type).get(code)));
    }

    /** The term of {@code type} whose code is {@code code}; an unknown code is refused with the codes there are. */
    static <T extends Enum<T> & Term> T of(Class<T> type, String code) {
        return find(type, code).orElseThrow(() -> new IllegalArgumentException("'" + code + "' is not a "
                + type.getSimpleName() + " code; the codes are " + Arrays.stream(type.getEnumConstants()).map(Term::code).toList()));
    }
}
