package jp.daicho.classifier.ingest;

import org.apache.avro.Schema;

/**
 * Where the writer schemas of Avro change events (Confluent wire format: a zero byte, a four-byte schema id, the
 * Avro binary) are found.
 */
public interface SchemaRegistry {

    /** No registry configured: every Avro change event is rejected with what to configure. */
    SchemaRegistry NONE = id -> {
        throw new RejectedEvent("UNSUPPORTED_FORMAT", "The value is Avro in the Confluent wire format (schema id " + id
                + "), and no schema registry is configured: set daicho.classifier.schema-registry.url to the "
                + "registry the connector's AvroConverter writes to (Confluent, or Apicurio's /apis/ccompat/v7).");
    };

    /**
     * The Avro schema registered under {@code id}.
     *
     * @throws RejectedEvent        the registry does not have it, or it is not an Avro schema: the event can never be read
     * @throws Unavailable          the registry cannot answer now: the event may be read later
     */
    Schema schema(int id) throws RejectedEvent;

    /** The registry could not be asked, or refused: nothing is wrong with the event. */
    final class Unavailable extends RuntimeException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
