package jp.daicho.inventory.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.daicho.inventory.yaml.YamlDocument.Value;
import jp.daicho.inventory.yaml.YamlDocument;
import jp.daicho.vocabulary.CrossBorderBasis;
import jp.daicho.vocabulary.LegalBasis;
import jp.daicho.vocabulary.RecordMode;

/**
 * A pipeline manifest, as engineers keep it in their own repository (docs/pipelines.md):
 * <pre>
 * id: member-mail-delivery
 * name: 会員向けメール配信
 * owner: marketing-eng@example.jp
 * source:
 *   - dataset: demo.public.members
 *     fields: [氏名, email]          # or "*": every field, also columns added later
 * destination: {party: mail-delivery-co}   # or {system: crm}
 * purposes: {customer: [contact]}    # purpose ids the policy declares per category
 * legal_basis: ENTRUSTMENT
 * readers: [{consumer_group: mail-sync}]   # what runs it on our infrastructure, so it is not taken for an undeclared flow
 * topics: [exports.member-mail]            # Kafka topics it writes the data to: their readers read it too
 * </pre>
 */
public record PipelineManifest(String id, String name, String owner, List<Source> sources, String destinationSystem,
                               String destinationParty, List<Purpose> purposes, LegalBasis legalBasis,
                               Integer legalExceptionItem, String jointUse, CrossBorderBasis crossBorderBasis,
                               RecordMode recordMode, List<Reader> readers, List<String> topics, String yaml) {

    /**
     * What runs the pipeline on the company's infrastructure, as Daichō observes readers: a Kafka consumer group, a
     * replication slot, a binary-log client ({@code user@host} or the user), or a database role.
     */
    public record Reader(jp.daicho.vocabulary.ReaderKind kind, String name) {

        /** {@code consumer_group:mail-sync}, as violations and events name it. */
        public String identity() {
            return kind.identity(name);
        }
    }

    /** Fields of one dataset; {@code *} means every field, including columns added later. */
    public record Source(String dataset, List<String> fields, int line) {
        public boolean allFields() {
            return fields.contains("*");
        }
    }

    /** A purpose of use the policy declares for a subject category. */
    public record Purpose(String category, String id, int line) {
    }

    public static PipelineManifest read(String yaml, String file) {
        Value root = YamlDocument.parse(yaml, file);
        root.keys(Set.of("id", "name", "owner", "source", "destination", "purposes", "legal_basis",
                "legal_exception_item", "joint_use", "cross_border", "record_mode", "readers", "topics"));
        String id = root.get("id").required();
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            root.get("id").problem("'" + id + "' はパイプラインの id になりません: 英字、数字、'.'、'_'、'-' で100文字まで",
                    "'" + id + "' is not a pipeline id: letters, digits, '.', '_' and '-', at most 100");
        }
        var sources = new ArrayList<Source>();
        for (Value s : root.get("source").list()) {
            s.keys(Set.of("dataset", "fields"));
            List<String> fields = s.get("fields").scalar() ? s.get("fields").text().filter("*"::equals).map(List::of)
                    .orElseGet(() -> {
                        s.get("fields").problem("項目名のリスト、又は \"*\" を書いてください", "expected a list of field names, or \"*\"");
                        return List.of();
                    }) : s.get("fields").strings();
            if (fields.isEmpty()) {
                s.get("fields").problem("パイプラインが読む項目を並べてください（すべてなら \"*\"）",
                        "list the fields the pipeline reads, or \"*\" for all of them");
            }
            sources.add(new Source(s.get("dataset").required(), fields, s.line()));
        }
        if (sources.isEmpty()) {
            root.get("source").problem("がありません: パイプラインが読むデータセットと項目",
                    "is missing: the datasets and fields the pipeline reads");
        }
        Value destination = root.get("destination");
        destination.keys(Set.of("system", "party"));
        Optional<String> system = destination.get("system").text();
        Optional<String> party = destination.get("party").text();
        if (system.isPresent() == party.isPresent()) {
            destination.problem("system（自社のシステム）又は party（委託先、共同利用者、第三者、公的機関）のどちらか一つを書いてください",
                    "name exactly one of system (ours) or party (a contractor, joint user, third party or public body)");
        }
        var purposes = new ArrayList<Purpose>();
        Value p = root.get("purposes");
        for (String category : p.keys(Set.of())) {
            for (Value purpose : p.get(category).list()) {
                purposes.add(new Purpose(category, purpose.required(), purpose.line()));
            }
        }
        if (purposes.isEmpty()) {
            p.problem("がありません: 区分ごとの利用目的を、プライバシーポリシーの宣言どおりに（例 customer: [contact]）",
                    "is missing: the purposes of use, per category, as the policy declares them (e.g. customer: [contact])");
        }
        Optional<LegalBasis> basis = root.get("legal_basis").oneOf(LegalBasis.class);
        if (!root.get("legal_basis").present()) {
            root.get("legal_basis").problem("がありません: " + java.util.Arrays.toString(LegalBasis.values()) + " のいずれか",
                    "is missing: one of " + java.util.Arrays.toString(LegalBasis.values()));
        }
        Integer exceptionItem = root.get("legal_exception_item").text().map(t -> {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                root.get("legal_exception_item").problem("'" + t + "' は法第27条第1項の号（1から7）ではありません",
                        "'" + t + "' is not an item number of Art. 27(1) (1 to 7)");
                return null;
            }
        }).orElse(null);
        Value crossBorder = root.get("cross_border");
        crossBorder.keys(Set.of("basis"));
        var crossBorderBasis = crossBorder.get("basis").oneOf(CrossBorderBasis.class).orElse(null);
        var recordMode = root.get("record_mode").oneOf(RecordMode.class).orElse(null);
        String jointUse = root.get("joint_use").text().orElse(null);
        var readers = new ArrayList<Reader>();
        var readerKeys = java.util.Arrays.stream(jp.daicho.vocabulary.ReaderKind.values())
                .collect(java.util.stream.Collectors.toMap(jp.daicho.vocabulary.ReaderKind::key, k -> k, (a, b) -> a,
                        java.util.LinkedHashMap::new));
        for (Value r : root.get("readers").list()) {
            var keys = r.keys(readerKeys.keySet());
            if (keys.size() != 1) {
                r.problem("一つの読み手に一つのキー（" + String.join("、", readerKeys.keySet()) + " のいずれか）を書いてください",
                        "name each reader by exactly one of " + String.join(", ", readerKeys.keySet()));
                continue;
            }
            String key = keys.iterator().next();
            if (!readerKeys.containsKey(key)) {
                continue; // an unknown key: keys() said so
            }
            String readerName = r.get(key).required();
            if (!readerName.isEmpty() && (readerName.length() > 255 || readerName.chars().anyMatch(Character::isISOControl))) {
                r.get(key).problem("読み手の名前は255文字まで、制御文字なしです", "a reader's name is at most 255 characters, without control characters");
            }
            readers.add(new Reader(readerKeys.get(key), readerName));
        }
        var topics = root.get("topics").strings();
        for (String topic : topics) {
            if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
                root.get("topics").problem("'" + topic + "' は Kafka のトピック名になりません（英数字、'.'、'_'、'-' で249文字まで）",
                        "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_', '-', at most 249)");
            }
        }
        String name = root.get("name").text().orElse(id);
        String owner = root.get("owner").required();
        root.check();
        return new PipelineManifest(id, name, owner, List.copyOf(sources), system.orElse(null), party.orElse(null),
                List.copyOf(purposes), basis.orElseThrow(), exceptionItem, jointUse, crossBorderBasis, recordMode, List.copyOf(readers),
                List.copyOf(topics), yaml);
    }
}
