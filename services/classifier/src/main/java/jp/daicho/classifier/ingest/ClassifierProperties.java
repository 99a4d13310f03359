package jp.daicho.classifier.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.classifier.*}.
 *
 * @param topicPattern   change-event topics to read (a Java regular expression); our own {@code daicho.*}
 *                       topics must not match it
 * @param sampleRows     rows sampled per dataset schema version before the classification is final
 * @param maxValueChars  a sampled value is cut to this many characters (huge values cost no memory)
 * @param lexiconFile    optional YAML file with the company's own vocabulary (docs/classification.md)
 * @param resampleAfterEvents a sampled schema version is sampled again after this many events, to notice
 *                       values that drift (0: never)
 * @param resampleAfter  ... or after this much time, at its next event (0s: never)
 * @param commitInterval consumed offsets are committed this often (and whenever the topics are read to their
 *                       end); after a crash at most this much is read again
 * @param autoStartup    start consuming with the application (false: when {@link ChangeEvents#start()} is called)
 * @param sources        the source names whose change events are accepted (besides those capture publishes a catalog
 *                       of); empty accepts any source whose events come on its own topics
 * @param topicCheck     how an event's topic must agree with the source and table it claims: STRICT
 *                       ({@code <source>.<schema>.<table>}), PREFIX ({@code <source>.}, for Connect deployments that
 *                       route topics) or OFF
 * @param confirmEvents  further events that confirm a table's new schema version when the source catalog does not
 * @param schemaRegistry where Avro change events' writer schemas are looked up (Confluent-compatible REST)
 * @param stateCatchUp   how long change events wait at start for the state topics (catalogs, reviews, what the other
 *                       instances observed) to be read to their end
 */
@ConfigurationProperties("daicho.classifier")
public record ClassifierProperties(
        @DefaultValue(ClassifierProperties.DEFAULT_TOPIC_PATTERN) String topicPattern,
        @DefaultValue("20") int sampleRows,
        @DefaultValue("2048") int maxValueChars,
        @DefaultValue("") String lexiconFile,
        @DefaultValue("100000") long resampleAfterEvents,
        @DefaultValue("1h") java.time.Duration resampleAfter,
        @DefaultValue("200ms") java.time.Duration commitInterval,
        @DefaultValue("true") boolean autoStartup,
        @DefaultValue java.util.Set<String> sources,
        @DefaultValue("STRICT") Provenance.TopicCheck topicCheck,
        @DefaultValue("2") int confirmEvents,
        @DefaultValue SchemaRegistrySettings schemaRegistry,
        @DefaultValue("60s") java.time.Duration stateCatchUp) {

    /**
     * {@code daicho.classifier.schema-registry.*}.
     *
     * @param url      the registry's base URL ({@code http://schema-registry:8081}; Apicurio:
     *                 {@code http://apicurio:8080/apis/ccompat/v7}); blank: Avro change events are rejected
     * @param user     for HTTP basic authentication (blank: none)
     * @param password its password
     * @param timeout  for connecting and for each answer
     */
    public record SchemaRegistrySettings(@DefaultValue("") String url, @DefaultValue("") String user,
                                         @DefaultValue("") String password,
                                         @DefaultValue("10s") java.time.Duration timeout) {

        SchemaRegistry registry() {
            return url.isBlank() ? SchemaRegistry.NONE : new ConfluentSchemaRegistry(url, user, password, timeout);
        }
    }

    /** Every {@code <prefix>.<schema>.<table>} topic but our own {@code daicho.*}. */
    public static final String DEFAULT_TOPIC_PATTERN = "(?!daicho\\.)[A-Za-z0-9_\\-]+\\.[^.]+\\..+";
}
