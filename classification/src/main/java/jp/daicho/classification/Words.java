package jp.daicho.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of a column or table name as the model sees them: tokens split at separators, digits and camel
 * humps ({@link Names}); glued words split by a dictionary ({@code firstname} → first, name); abbreviations and
 * romaji read as the English word they stand for ({@code fname} → first name, {@code jusho} → address, in
 * Hepburn and Kunrei spellings); Japanese runs as their character pairs ({@code 電話番号} → 電話, 話番, 番号), which
 * is how compounds share meaning without a dictionary.
 */
final class Words {

    private Words() {
    }

    /** English words a glued name is split into (longest first wins); generic schema vocabulary only. */
    private static final Set<String> DICTIONARY = Set.copyOf(List.of(
            "first", "last", "middle", "full", "given", "family", "sur", "nick", "display", "user", "name", "names",
            "mail", "email", "phone", "mobile", "fax", "tel", "cell", "home", "work", "office", "address", "street",
            "city", "state", "zip", "post", "postal", "code", "country", "birth", "date", "day", "time", "gender",
            "sex", "age", "photo", "image", "avatar", "pass", "word", "password", "hash", "salt", "token", "secret",
            "login", "account", "bank", "card", "number", "num", "holder", "expiry", "employee", "emp", "staff",
            "customer", "client", "member", "patient", "person", "contact", "partner", "supplier", "vendor", "company",
            "candidate", "applicant", "job", "title", "salary", "pay", "grade", "department", "dept", "position",
            "joining", "leaving", "hire", "status", "type", "id", "no", "key", "ref", "reference", "created", "updated",
            "modified", "deleted", "by", "at", "on", "is", "has", "active", "enabled", "note", "notes", "comment",
            "message", "description", "remark", "reason", "visit", "visited", "seen", "last", "ip", "agent", "device",
            "location", "latitude", "longitude", "lat", "lng", "lon", "nationality", "race", "religion", "blood",
            "group", "marital", "emergency", "relation", "relationship", "spouse", "child", "children", "parent",
            "father", "mother", "insurance", "passport", "license", "licence", "social", "security", "tax", "national",
            "disease", "diagnosis", "drug", "dose", "medication", "treatment", "allergy", "symptom", "lab", "test",
            "result", "exam", "height", "weight", "pregnancy", "vaccine", "therapy", "ward", "admission", "discharge",
            "order", "invoice", "amount", "price", "total", "qty", "quantity", "product", "item", "sku", "currency",
            "shipping", "billing", "delivery", "payment", "method", "language", "locale", "timezone", "url", "link",
            "web", "site", "website", "domain", "host", "file", "path", "size", "count", "sort", "position", "flag",
            "level", "rank", "score", "rating", "review", "interview", "offer", "resume", "skill", "education",
            "experience", "qualification", "school", "degree", "manager", "owner", "assigned", "approver", "author",
            "creator", "sender", "recipient", "receiver", "to", "from", "in", "out", "of", "signature", "picture",
            "profile", "bio", "about", "interest", "hobby", "union", "criminal", "record", "disability", "ethnic",
            "start", "end", "valid", "until", "expire", "expires", "expiration", "confirm", "confirmed", "verified",
            "verification", "remember", "reset", "session", "cookie", "push", "device", "browser", "referer",
            "referrer", "search", "keyword", "query", "history", "log", "access", "event", "action", "examination",
            "therapies", "vaccination", "laboratory", "admission", "diagnoses", "observation", "prescription",
            "appointment", "encounter", "condition", "medical", "health", "check", "checkup", "visits", "people", "persons",
            "primary", "secondary", "current", "previous", "count", "sign", "used", "seen", "private", "public",
            "personal", "contract", "rate", "hourly", "daily", "weekly", "hours", "extra", "lead", "prospect",
            "opportunity", "campaign", "referral", "reference", "grievance", "appraisal", "attendance", "leave",
            "expense", "claim", "employment", "remuneration", "compensation", "salutation", "civility", "login", "logout",
            "page", "source", "connection"));

    /** Abbreviations and romaji, read as English words. */
    private static final Map<String, List<String>> READINGS = Map.ofEntries(
            Map.entry("fname", List.of("first", "name")), Map.entry("lname", List.of("last", "name")),
            Map.entry("mname", List.of("middle", "name")), Map.entry("fullname", List.of("full", "name")),
            Map.entry("addr", List.of("address")), Map.entry("adr", List.of("address")),
            Map.entry("tel", List.of("phone")), Map.entry("telno", List.of("phone")), Map.entry("ph", List.of("phone")),
            Map.entry("mob", List.of("mobile")), Map.entry("dob", List.of("birth", "date")),
            Map.entry("bday", List.of("birth", "day")), Map.entry("dt", List.of("date")),
            Map.entry("no", List.of("number")), Map.entry("num", List.of("number")), Map.entry("nbr", List.of("number")),
            Map.entry("cd", List.of("code")), Map.entry("desc", List.of("description")), Map.entry("pwd", List.of("password")),
            Map.entry("passwd", List.of("password")), Map.entry("pw", List.of("password")),
            Map.entry("emp", List.of("employee")), Map.entry("dept", List.of("department")),
            Map.entry("qty", List.of("quantity")), Map.entry("amt", List.of("amount")), Map.entry("img", List.of("image")),
            Map.entry("pic", List.of("picture")), Map.entry("lat", List.of("latitude")), Map.entry("lng", List.of("longitude")),
            Map.entry("lon", List.of("longitude")), Map.entry("cust", List.of("customer")), Map.entry("usr", List.of("user")),
            Map.entry("msg", List.of("message")), Map.entry("cmt", List.of("comment")), Map.entry("nat", List.of("nationality")),
            // abbreviations of legacy clinical and administrative schemas (PTN_SNAME, PTN_BTYPE, PTN_TAXCODE)
            Map.entry("sname", List.of("surname")), Map.entry("btype", List.of("blood", "type")),
            Map.entry("bdate", List.of("birth", "date")),
            Map.entry("taxcode", List.of("tax", "id")), Map.entry("mem", List.of("member")),
            Map.entry("fath", List.of("father")), Map.entry("moth", List.of("mother")),
            // romaji (Hepburn and Kunrei, long vowels written or not)
            Map.entry("shimei", List.of("name")), Map.entry("simei", List.of("name")), Map.entry("namae", List.of("name")),
            Map.entry("sei", List.of("last", "name")), Map.entry("mei", List.of("first", "name")),
            Map.entry("myouji", List.of("last", "name")), Map.entry("myoji", List.of("last", "name")),
            Map.entry("kana", List.of("kana")), Map.entry("furigana", List.of("kana")), Map.entry("yomi", List.of("kana")),
            Map.entry("jusho", List.of("address")), Map.entry("juusho", List.of("address")), Map.entry("jyusyo", List.of("address")),
            Map.entry("zyusyo", List.of("address")), Map.entry("juusyo", List.of("address")), Map.entry("jusyo", List.of("address")),
            Map.entry("denwa", List.of("phone")), Map.entry("keitai", List.of("mobile")), Map.entry("yubin", List.of("postal")),
            Map.entry("yuubin", List.of("postal")), Map.entry("yuubinbangou", List.of("postal", "code")),
            Map.entry("yubinbango", List.of("postal", "code")), Map.entry("bango", List.of("number")),
            Map.entry("bangou", List.of("number")), Map.entry("seibetsu", List.of("gender")), Map.entry("seibetu", List.of("gender")),
            Map.entry("seinengappi", List.of("birth", "date")), Map.entry("tanjoubi", List.of("birth", "day")),
            Map.entry("tanjobi", List.of("birth", "day")), Map.entry("nenrei", List.of("age")),
            Map.entry("kokuseki", List.of("nationality")), Map.entry("shokugyo", List.of("occupation")),
            Map.entry("shokugyou", List.of("occupation")), Map.entry("kinmusaki", List.of("employer")),
            Map.entry("kyuyo", List.of("salary")), Map.entry("kyuuyo", List.of("salary")),
            Map.entry("byomei", List.of("disease")), Map.entry("byoumei", List.of("disease")), Map.entry("byoki", List.of("disease")),
            Map.entry("byouki", List.of("disease")), Map.entry("shindan", List.of("diagnosis")), Map.entry("sindan", List.of("diagnosis")),
            Map.entry("shinsatsu", List.of("examination")), Map.entry("sinsatu", List.of("examination")),
            Map.entry("jushin", List.of("visit")), Map.entry("jyushin", List.of("visit")),
            Map.entry("nyusha", List.of("hire")), Map.entry("nyuusha", List.of("hire")), Map.entry("taisha", List.of("leaving")),
            Map.entry("bi", List.of("date")), Map.entry("hi", List.of("date")), Map.entry("nengappi", List.of("date")),
            Map.entry("shinryo", List.of("treatment")), Map.entry("shinryou", List.of("treatment")),
            Map.entry("sinryou", List.of("treatment")), Map.entry("chiryo", List.of("treatment")),
            Map.entry("chiryou", List.of("treatment")), Map.entry("shoho", List.of("prescription")),
            Map.entry("shohou", List.of("prescription")), Map.entry("syohou", List.of("prescription")),
            Map.entry("kusuri", List.of("drug")), Map.entry("iyakuhin", List.of("drug")),
            Map.entry("shobyo", List.of("disease")), Map.entry("shoubyou", List.of("disease")),
            Map.entry("chusha", List.of("injection")), Map.entry("chuusha", List.of("injection")),
            Map.entry("pat", List.of("patient")), Map.entry("yakuzai", List.of("drug")), Map.entry("yakuhin", List.of("drug")),
            Map.entry("kensa", List.of("test")), Map.entry("kekka", List.of("result")), Map.entry("kenshin", List.of("exam")),
            Map.entry("shincho", List.of("height")), Map.entry("shinchou", List.of("height")), Map.entry("taiju", List.of("weight")),
            Map.entry("taijuu", List.of("weight")), Map.entry("ketsuatsu", List.of("blood", "pressure")),
            Map.entry("kioureki", List.of("history", "disease")), Map.entry("kiohreki", List.of("history", "disease")),
            Map.entry("arerugi", List.of("allergy")), Map.entry("shogai", List.of("disability")),
            Map.entry("shougai", List.of("disability")), Map.entry("hoken", List.of("insurance")),
            Map.entry("hokensho", List.of("insurance", "card")), Map.entry("hihokensha", List.of("insured")),
            Map.entry("hihokenja", List.of("insured")),
            Map.entry("kanja", List.of("patient")), Map.entry("kaiin", List.of("member")), Map.entry("kokyaku", List.of("customer")),
            Map.entry("shain", List.of("employee")), Map.entry("syain", List.of("employee")), Map.entry("jugyoin", List.of("employee")),
            Map.entry("juugyouin", List.of("employee")), Map.entry("shokuin", List.of("staff")),
            Map.entry("torihikisaki", List.of("partner")), Map.entry("tantosha", List.of("contact")),
            Map.entry("tantousha", List.of("contact")), Map.entry("oubosha", List.of("applicant")),
            Map.entry("obosha", List.of("applicant")), Map.entry("kouza", List.of("bank", "account")),
            Map.entry("koza", List.of("bank", "account")), Map.entry("ginko", List.of("bank")), Map.entry("ginkou", List.of("bank")),
            Map.entry("biko", List.of("note")), Map.entry("bikou", List.of("note")), Map.entry("memo", List.of("note")),
            Map.entry("kojinbango", List.of("my", "number")), Map.entry("kojinbangou", List.of("my", "number")),
            Map.entry("mynumber", List.of("my", "number")), Map.entry("menkyo", List.of("license")),
            Map.entry("ryoken", List.of("passport")), Map.entry("kaisha", List.of("company")), Map.entry("kaisya", List.of("company")),
            Map.entry("hojin", List.of("company")), Map.entry("houjin", List.of("company")));

    /** The English words a whole token stands for ({@code jusho} → address), or the token itself. */
    static List<String> reading(String token) {
        return READINGS.getOrDefault(token, List.of(token));
    }

    /** The one English word a short abbreviation stands for ({@code img} → image, not romaji), or the word itself. */
    static String plainReading(String word) {
        List<String> reading = READINGS.get(word);
        return word.length() <= 4 && reading != null && reading.size() == 1 && DICTIONARY.contains(reading.getFirst())
                ? reading.getFirst() : word;
    }

    /** Whether a word is common schema vocabulary (not an application's own name for something). */
    static boolean common(String word) {
        return DICTIONARY.contains(word);
    }

    /** Words of a name: its tokens split and read; the list keeps the order, repeated words once. */
    static List<String> of(String name) {
        String key = name == null ? "" : name;
        List<String> known = MEMO.get(key);
        if (known == null) {
            if (MEMO.size() > MEMO_LIMIT) {
                MEMO.clear();
            }
            known = List.copyOf(read(key));
            MEMO.put(key, known);
        }
        return known;
    }

    /** Names repeat (every table has an id, every schema its users): their words are remembered, within a bound. */
    private static final int MEMO_LIMIT = 50_000;
    private static final Map<String, List<String>> MEMO = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> read(String name) {
        var words = new ArrayList<String>();
        for (String token : Names.tokens(name)) {
            if (token.codePoints().anyMatch(c -> c > 0x7f)) {
                continue; // Japanese: see pairs()
            }
            for (String part : split(token)) {
                List<String> reading = READINGS.get(part);
                for (String w : reading == null ? List.of(singular(part)) : reading) {
                    if (!words.contains(w)) {
                        words.add(w);
                    }
                }
            }
        }
        return words;
    }

    /** A plural read as its singular ({@code customers}, {@code categories}); {@code address}, {@code status} stay. */
    static String singular(String word) {
        if (word.length() <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word;
        }
        return RuleClassifier.singular(word);
    }

    /** Character pairs of the name's Japanese runs (one character alone when a run has one). */
    static List<String> pairs(String name) {
        var pairs = new ArrayList<String>();
        String s = Names.normalize(name);
        var run = new StringBuilder();
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (c > 0x2e80 && Character.isLetter(c) || c == 'ー') {
                run.append(c);
                continue;
            }
            if (run.length() == 1) {
                pairs.add(run.toString());
            }
            for (int j = 0; j + 1 < run.length(); j++) {
                pairs.add(run.substring(j, j + 2));
            }
            run.setLength(0);
        }
        return pairs;
    }

    /** A token split into dictionary words when it is glued and splits whole ({@code lastvisit}); else itself. */
    static List<String> split(String token) {
        if (token.length() < 5 || DICTIONARY.contains(token) || READINGS.containsKey(token)) {
            return List.of(token);
        }
        // Fewest pieces that cover the token, each a dictionary word or reading of at least two letters.
        int n = token.length();
        int[] best = new int[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - 14); start <= end - 2; start++) {
                String piece = token.substring(start, end);
                if (best[start] != Integer.MAX_VALUE && best[start] + 1 < best[end]
                        && (DICTIONARY.contains(piece) || READINGS.containsKey(piece))) {
                    best[end] = best[start] + 1;
                    from[end] = start;
                }
            }
        }
        if (best[n] == Integer.MAX_VALUE || best[n] > 4) {
            return List.of(token);
        }
        var pieces = new ArrayList<String>();
        for (int end = n; end > 0; end = from[end]) {
            pieces.addFirst(token.substring(from[end], end));
        }
        return pieces;
    }
}
