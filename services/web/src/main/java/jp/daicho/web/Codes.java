package jp.daicho.web;

import java.util.Arrays;

import org.springframework.http.HttpStatus;

import jp.daicho.vocabulary.Term;

/** Codes of the shared vocabulary as they arrive in requests: a known code, or a 400 naming the codes there are. */
public final class Codes {

    private Codes() {
    }

    /** The term {@code code} names, or {@code null} for no code; an unknown code is refused with the known ones. */
    public static <T extends Enum<T> & Term> T parameter(String name, Class<T> type, String code) {
        if (code == null) {
            return null;
        }
        String known = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Term::code).toList());
        return Term.find(type, code).orElseThrow(() -> new Rejected(HttpStatus.BAD_REQUEST,
                name + " '" + code + "' は知らないコードです。使えるコード: " + known,
                "Unknown " + name + " '" + code + "'. Known " + name + "s: " + known));
    }
}
