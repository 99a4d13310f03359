package jp.daicho.inventory.requests;

import java.util.Arrays;
import java.util.List;

/**
 * A provision of the law in the words the register shows: its number (第33条第1項) and what it gives or allows, in
 * Japanese and English.
 */
public record Article(String number, String japanese, String english) {

    /** The names of an enum's constants, for "one of ..." in a refusal. */
    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
