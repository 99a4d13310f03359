package jp.daicho.inventory.policy;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import jp.daicho.inventory.yaml.YamlDocument;
import jp.daicho.inventory.yaml.YamlDocument.Value;

/**
 * Reads a policy YAML document (docs/policy.md) into a {@link Policy}, with every problem named by file,
 * line and path.
 */
public final class PolicyDocument {

    private PolicyDocument() {
    }

    public static Policy read(String yaml, String file) {
        Value root = YamlDocument.parse(yaml, file);
        root.keys(Set.of("version", "effective_from", "company", "categories", "sensitive", "entrustment",
                "joint_use", "provision", "retention", "cross_border", "my_number", "requests", "security_measures",
                "personally_related"));
        String version = root.get("version").required();
        var effective = root.get("effective_from").date();
        if (!root.get("effective_from").present()) {
            root.get("effective_from").problem("がありません（この版が効力を持つ日、YYYY-MM-DD）",
                    "is missing (the date this version takes effect, YYYY-MM-DD)");
        }
        Policy.Company company = party(root.get("company"));

        var categories = new LinkedHashMap<String, Policy.Category>();
        Value cats = root.get("categories");
        for (String subject : cats.keys(Set.of())) {
            Value c = cats.get(subject);
            if (!Policy.CATEGORY_CODE.matcher(subject).matches() || subject.equals("none")) {
                c.problem("区分のコードは英小文字で始まる英小文字・数字・_（40文字まで、none 以外）です。例: customer、patient、shareholder",
                        "a category's code is lower-case letters, digits and _ starting with a letter (at most 40, not none), "
                        + "e.g. customer, patient, shareholder");
            }
            c.keys(Set.of("label", "purposes"));
            var purposes = new ArrayList<Policy.Purpose>();
            var ids = new HashSet<String>();
            for (Value p : c.get("purposes").list()) {
                p.keys(Set.of("id", "text", "clause"));
                String id = p.get("id").required();
                if (!id.isEmpty() && !ids.add(id)) {
                    p.get("id").problem("利用目的の id '" + id + "' が " + subject + " に二度書かれています",
                            "purpose id '" + id + "' is declared twice in " + subject);
                }
                purposes.add(new Policy.Purpose(id, p.get("text").required(), p.get("clause").text().orElse("")));
            }
            if (purposes.isEmpty()) {
                c.get("purposes").problem("区分には利用目的が少なくとも一つ必要です",
                        "a category needs at least one purpose of use (利用目的)");
            }
            categories.put(subject, new Policy.Category(c.get("label").text().orElse(subject), purposes));
        }
        if (categories.isEmpty()) {
            cats.problem("がありません: " + Policy.SUBJECTS + " などの本人の区分の少なくとも一つについて利用目的を書いてください",
                    "is missing: declare the purposes of use for at least one category of person, such as " + Policy.SUBJECTS);
        }

        Value s = root.get("sensitive");
        s.keys(Set.of("third_party_provision", "joint_use", "clause", "special_care"));
        var sensitive = new Policy.SensitiveRule(s.get("third_party_provision").bool(false), s.get("joint_use").bool(false),
                s.get("clause").text().orElse(""), s.get("special_care").bool(false));

        var jointUse = new ArrayList<Policy.JointUse>();
        for (Value j : root.get("joint_use").list()) {
            j.keys(Set.of("id", "items", "users", "purposes", "responsible", "clause"));
            var use = new Policy.JointUse(j.get("id").required(), j.get("items").strings(), j.get("users").required(),
                    j.get("purposes").strings(), party(j.get("responsible")), j.get("clause").text().orElse(""));
            // Whether the five published items are all there is checked where a pipeline relies on the declaration.
            jointUse.add(use);
        }

        Value p = root.get("provision");
        p.keys(Set.of("consent", "opt_out", "clause"));
        var provision = new Policy.Provision(p.get("consent").bool(true), p.get("opt_out").bool(false),
                p.get("clause").text().orElse(""));

        var retention = new ArrayList<Policy.Retention>();
        for (Value r : root.get("retention").list()) {
            r.keys(Set.of("category", "period", "text"));
            String category = r.get("category").required();
            if (!category.isEmpty() && !categories.containsKey(category)) {
                r.get("category").problem("'" + category + "' はこのポリシーの区分 " + categories.keySet() + " のいずれでもありません",
                        "'" + category + "' is not one of this policy's categories " + categories.keySet());
            }
            String period = r.get("period").text().orElse("");
            if (!period.isEmpty()) {
                try {
                    Period.parse(period);
                } catch (DateTimeParseException e) {
                    r.get("period").problem("'" + period + "' は P1Y や P6M のような ISO-8601 の期間ではありません",
                            "'" + period + "' is not an ISO-8601 period such as P1Y or P6M");
                }
            }
            retention.add(new Policy.Retention(category, period, r.get("text").text().orElse("")));
        }

        Value x = root.get("cross_border");
        x.keys(Set.of("countries", "clause"));
        var crossBorder = new Policy.CrossBorder(x.get("countries").strings(), x.get("clause").text().orElse(""));
        boolean entrustment = root.get("entrustment").bool(false);
        Policy.MyNumber myNumber = myNumber(root.get("my_number"), categories);
        Policy.Requests requests = requests(root.get("requests"));
        var measures = new ArrayList<Policy.SecurityMeasure>();
        for (Value m : root.get("security_measures").list()) {
            m.keys(Set.of("kind", "text", "clause"));
            var kind = m.get("kind").oneOf(jp.daicho.vocabulary.MeasureKind.class);
            String text = m.get("text").required();
            kind.ifPresent(k -> measures.add(new Policy.SecurityMeasure(k, text, m.get("clause").text().orElse(""))));
        }
        Value pr = root.get("personally_related");
        var personallyRelated = Policy.PersonallyRelated.NOT_PROVIDED;
        if (pr.present()) {
            pr.keys(Set.of("recipients", "items", "purposes", "clause"));
            String recipients = pr.get("recipients").required();
            var items = pr.get("items").strings();
            if (items.isEmpty()) {
                pr.get("items").problem("提供する個人関連情報の項目を並べてください（例: [閲覧履歴, 端末情報]）",
                        "list the items of personally-related information provided (e.g. [browsing history, device data])");
            }
            personallyRelated = new Policy.PersonallyRelated(true, recipients, items, pr.get("purposes").strings(),
                    pr.get("clause").text().orElse(""));
        }
        root.check();
        return new Policy(version, effective.orElseThrow(), company, categories, sensitive, entrustment,
                List.copyOf(jointUse), provision, List.copyOf(retention), crossBorder, myNumber, requests, List.copyOf(measures),
                personallyRelated);
    }

    /**
     * {@code my_number: false}, or {@code {purposes: [employee:payroll-tax, …], clause}}: the purposes (tasks of the My
     * Number Act) the company uses My Numbers for, each one the policy declares.
     */
    private static Policy.MyNumber myNumber(Value v, java.util.Map<String, Policy.Category> categories) {
        if (!v.present()) {
            return Policy.MyNumber.NOT_HANDLED;
        }
        if (v.scalar()) {
            boolean handled = v.bool(false);
            if (handled) {
                v.problem("は個人番号を利用する事務を purposes（区分:利用目的）で書いてください（番号法第9条: 利用は法の定める事務に限られます）",
                        "must list the tasks My Numbers are used for, as purposes (category:purpose): the My Number Act "
                        + "Art. 9 limits their use to the tasks it names");
            }
            return Policy.MyNumber.NOT_HANDLED;
        }
        v.keys(Set.of("purposes", "clause"));
        var purposes = v.get("purposes").strings();
        for (String purpose : purposes) {
            int colon = purpose.indexOf(':');
            var category = colon < 0 ? null : categories.get(purpose.substring(0, colon));
            if (category == null || category.purposes().stream().noneMatch(p -> p.id().equals(purpose.substring(colon + 1)))) {
                v.get("purposes").problem("'" + purpose + "' はこのポリシーが宣言する「区分:利用目的」ではありません",
                        "'" + purpose + "' is not a category:purpose this policy declares");
            }
        }
        if (purposes.isEmpty()) {
            v.get("purposes").problem("がありません: 個人番号を利用する事務の利用目的を「区分:利用目的」で書いてください",
                    "is missing: list the purposes (category:purpose) My Numbers are used for");
        }
        return new Policy.MyNumber(true, List.copyOf(purposes), v.get("clause").text().orElse(""));
    }

    private static Policy.Requests requests(Value r) {
        if (!r.present()) {
            return Policy.Requests.UNSTATED;
        }
        r.keys(Set.of("desk", "contact", "channels", "identity_documents", "fee_yen", "fee_text", "target_days", "clause"));
        var channels = r.get("channels").strings();
        for (String channel : channels) {
            if (!Policy.Requests.CHANNELS.contains(channel)) {
                r.get("channels").problem("'" + channel + "' は受付方法 " + Policy.Requests.CHANNELS + " のいずれでもありません",
                        "'" + channel + "' is not one of the channels " + Policy.Requests.CHANNELS);
            }
        }
        Integer fee = number(r.get("fee_yen"), "手数料（円）", "the fee in yen");
        Integer days = number(r.get("target_days"), "回答の目標日数", "the target days to answer");
        if (days != null && days < 1) {
            r.get("target_days").problem("は 1 以上の日数です（法は「遅滞なく」と定めます）",
                    "must be at least 1 day (the law says without delay)");
        }
        return new Policy.Requests(r.get("desk").text().orElse(""), r.get("contact").text().orElse(""),
                channels.isEmpty() ? Policy.Requests.CHANNELS : List.copyOf(channels), r.get("identity_documents").strings(),
                fee, r.get("fee_text").text().orElse(""), days == null ? Policy.Requests.DEFAULT_TARGET_DAYS : days,
                r.get("clause").text().orElse(""));
    }

    /** A whole number of at least zero, or null when absent. */
    private static Integer number(Value v, String japanese, String english) {
        var text = v.text();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.get().strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        v.problem("'" + text.get() + "' は" + japanese + "として読めません（0 以上の整数）",
                "'" + text.get() + "' is not " + english + " (a whole number, 0 or more)");
        return null;
    }

    private static Policy.Company party(Value v) {
        v.keys(Set.of("name", "address", "representative"));
        return new Policy.Company(v.get("name").required(), v.get("address").text().orElse(""),
                v.get("representative").text().orElse(""));
    }
}
