package jp.daicho.classification;

import java.util.Optional;
import java.util.regex.Pattern;

import jp.daicho.vocabulary.Item;

/**
 * Recognizes what a sampled value looks like, after NFKC normalization, and masks it for evidence. A
 * masked shape keeps at most the first character of a name or the domain of an e-mail address: never
 * enough to recover the value.
 */
final class ValueShapes {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    // Japanese numbers: 0X0-XXXX-XXXX mobiles, 0X-XXXX-XXXX landlines, with or without separators, or +81.
    private static final Pattern PHONE_JP = Pattern.compile("(\\+81[- ]?|0)\\d{1,4}[- ]?\\d{1,4}[- ]?\\d{3,4}");
    private static final Pattern POSTAL_JP = Pattern.compile("〒?\\s?\\d{3}-?\\d{4}");
    private static final Pattern KANA = Pattern.compile("[\\p{InKatakana}\\p{InHiragana}ー・\\s]+");
    private static final Pattern PERSON_NAME_JA = Pattern.compile("\\p{IsHan}[\\p{IsHan}\\p{InHiragana}\\p{InKatakana}]{0,5}[\\s　]?[\\p{IsHan}\\p{InHiragana}\\p{InKatakana}]{1,6}");

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}");
    private static final Pattern PASSWORD_HASH = Pattern.compile("\\$(2[abxy]|argon2(id|i|d)|pbkdf2[-_a-z0-9]*|[156])\\$.{16,}|(?i)[0-9a-f]{32,128}");
    private static final Pattern ICD10 = Pattern.compile("[A-TV-Z]\\d{2}(\\.\\d{1,2})?");
    private static final Pattern CLINICAL = Pattern.compile("(?i)(\\d+\\s?mg\\b|\\bBP\\s?\\d{2,3}/\\d{2,3}|hba1c|hypertension|diabetes|asthma|allerg|"
            + "inhaler|tablet|高血圧|糖尿病|喘息|花粉症|アレルギー|錠|疾患|症$|炎$)");
    private static final Pattern JP_ADDRESS = Pattern.compile("(東京都|北海道|京都府|大阪府|\\p{IsHan}{2,3}県)\\p{IsHan}.*"
            + "|\\p{IsHan}{1,4}[区市町村]\\p{IsHan}.*(丁目|番地|\\d+-\\d+).*");
    // A Western street address: a house number, a street name and a street word (12 Baker Street, 7 Rue de Rivoli).
    private static final Pattern STREET_ADDRESS = Pattern.compile("(?i)\\d{1,5}\\s+(rue\\s|[a-z]+\\s+(st|street|ave|avenue|rd|road|blvd|lane|ln|dr|drive|way)\\b).*");
    // Bank accounts: an IBAN, or a Japanese account type with its seven-digit number (普通 1234567).
    private static final Pattern BANK_ACCOUNT = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}|(普通|当座|貯蓄)\\s?\\d{7}");

    private ValueShapes() {
    }

    /** Luhn check over 13 to 19 digits: payment card numbers. */
    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** Japan's Individual Number: 12 digits, the last a check digit (番号法施行令 第8条). */
    static boolean myNumber(String digits) {
        if (digits.length() != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = digits.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return check == digits.charAt(11) - '0';
    }

    /** The item this single value looks like, if it looks like one at all. */
    static Optional<Item> detect(String raw) {
        String v = Names.normalize(raw);
        if (v.isEmpty() || v.length() > 256) {
            return Optional.empty();
        }
        if (v.indexOf('@') > 0 && EMAIL.matcher(v).matches()) {
            return Optional.of(Item.EMAIL);
        }
        if ((v.indexOf('.') > 0 && IPV4.matcher(v).matches()) || (v.contains(":") && IPV6.matcher(v).matches())) {
            return Optional.of(Item.IP_ADDRESS);
        }
        if (PASSWORD_HASH.matcher(v).matches()) {
            return Optional.of(Item.CREDENTIAL);
        }
        if (ICD10.matcher(v).matches() || CLINICAL.matcher(v).find()) {
            return Optional.of(Item.MEDICAL);
        }
        if (BANK_ACCOUNT.matcher(v).matches()) {
            return Optional.of(Item.BANK_ACCOUNT);
        }
        if (JP_ADDRESS.matcher(v).matches() || STREET_ADDRESS.matcher(v).matches()) {
            return Optional.of(Item.ADDRESS);
        }
        String digits = v.replaceAll("[^0-9]", "");
        if (digits.length() == v.replaceAll("[\\s-]", "").length()) {
            if (digits.length() == 12 && myNumber(digits)) {
                return Optional.of(Item.MY_NUMBER);
            }
            if (luhn(digits) && digits.length() >= 14) {
                return Optional.of(Item.PAYMENT_CARD);
            }
        }
        if (PHONE_JP.matcher(v).matches() && digits.length() >= 10 && digits.length() <= 12) {
            return Optional.of(Item.PHONE);
        }
        if (POSTAL_JP.matcher(v).matches() && (v.startsWith("〒") || v.contains("-"))) {
            return Optional.of(Item.POSTAL_CODE);
        }
        if (KANA.matcher(v).matches() && v.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.KATAKANA)) {
            return Optional.of(Item.NAME_KANA);
        }
        return Optional.empty();
    }

    /** Whether the value reads like a Japanese personal name (kanji family name, optional space, given name). */
    static boolean looksLikeJapaneseName(String raw) {
        String v = Names.normalize(raw);
        return v.length() >= 2 && v.length() <= 12 && PERSON_NAME_JA.matcher(v).matches();
    }

    /**
     * A masked shape of the value for evidence: its length and the class of each character, never a character
     * of the value. Latin letters become {@code x}/{@code X}, digits {@code 9}, kanji {@code 漢}, hiragana
     * {@code あ}, katakana {@code ア}, other letters {@code *}; separators ({@code @ . - + / : space}) stay, so
     * that {@code taro@example.jp} reads {@code xxxx@xxxxxxx.xx} and {@code 山田 太郎} reads {@code 漢漢 漢漢}.
     */
    static String mask(String raw) {
        String v = Names.normalize(raw);
        if (v.isEmpty()) {
            return "(empty)";
        }
        var masked = new StringBuilder();
        int count = 0;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            i += Character.charCount(cp);
            if (++count > 24) {
                masked.append('…');
                break;
            }
            masked.append(switch (Character.UnicodeScript.of(cp)) {
                case HAN -> "漢";
                case HIRAGANA -> "あ";
                case KATAKANA -> "ア";
                case LATIN -> Character.isUpperCase(cp) ? "X" : "x";
                default -> Character.isDigit(cp) ? "9" : cp == 'ー' ? "ー" : Character.isWhitespace(cp) ? " "
                        : "@.-+/:_()".indexOf(cp) >= 0 ? Character.toString(cp) : "*";
            });
        }
        return masked.toString();
    }

    /** Of a sensitive value, not even its shape: only its length. */
    static String length(String raw) {
        return "(" + raw.codePointCount(0, raw.length()) + " chars, masked)";
    }
}
