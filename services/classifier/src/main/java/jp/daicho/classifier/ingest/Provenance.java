package jp.daicho.classifier.ingest;

import java.util.Set;
import java.util.TreeSet;

import jp.daicho.schemas.ChangeTopicNames;

/**
 * Whether a change event may speak for the dataset it names: it must come on the topic Debezium writes that
 * source's table to, and name a source this classifier accepts. A stray or forged event fails here and is
 * dead-lettered, so it can neither create a dataset nor change one.
 */
public final class Provenance {

    /** How strictly the topic must match the source and table an event claims. */
    public enum TopicCheck {
        /** {@code <source>.<schema or database>.<table>}, in capture's spelling or Debezium's default one. */
        STRICT,
        /** Only {@code <source>.}: for a Connect deployment that routes tables to topics of its own. */
        PREFIX,
        /** No check (not recommended). */
        OFF
    }

    /** Accepts every source whose events come on their own topics. */
    public static final Provenance TOPIC_ONLY = new Provenance(TopicCheck.STRICT, Set.of(), null);

    private final TopicCheck check;
    private final Set<String> sources;
    private final SourceCatalogs catalogs;

    /**
     * @param sources  the accepted source names; empty accepts any source (whose topic agrees)
     * @param catalogs a source whose catalog capture publishes is accepted too (may be null)
     */
    public Provenance(TopicCheck check, Set<String> sources, SourceCatalogs catalogs) {
        this.check = check;
        this.sources = Set.copyOf(sources);
        this.catalogs = catalogs;
    }

    void verify(String topic, DatasetSchema schema) throws RejectedEvent {
        if (!sources.isEmpty() && !sources.contains(schema.system()) && (catalogs == null || !catalogs.knows(schema.system()))) {
            throw new RejectedEvent("UNKNOWN_SOURCE", "The event names source '" + schema.system() + "', which is not "
                    + "one of daicho.classifier.sources " + new TreeSet<>(sources) + " and has no catalog from capture. "
                    + "If it is one of yours, add it to daicho.classifier.sources.");
        }
        String namespace = schema.schemaName() != null ? schema.schemaName() : schema.database();
        boolean agrees = switch (check) {
            case STRICT -> ChangeTopicNames.isTopicOf(topic, schema.system(), namespace, schema.table());
            case PREFIX -> topic.startsWith(schema.system() + ".");
            case OFF -> true;
        };
        if (!agrees) {
            throw new RejectedEvent("SOURCE_TOPIC_MISMATCH", "The event claims dataset " + schema.datasetId()
                    + " but came on topic " + topic + ", where Debezium writes "
                    + (check == TopicCheck.PREFIX ? "only source " + topic.split("\\.", 2)[0] + "'s tables"
                            : "another table; its events belong on " + ChangeTopicNames.escaped(schema.datasetId()))
                    + ". If your Connect routes tables to topics of its own, set daicho.classifier.topic-check=PREFIX.");
        }
    }
}
