package jp.daicho.capture.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code daicho.capture.*}: where to publish, where offsets live, and the source databases.
 *
 * @param bootstrapServers     Kafka the change events go to
 * @param offsetDirectory      durable directory for Debezium's source offsets (one file per source); a
 *                             restart resumes from there
 * @param changeTopicRetention retention set on the change-event topics the service creates: they carry
 *                             row values by nature, so keep it short (default 7 days)
 * @param restartBackoff       wait before restarting an engine that failed
 * @param catalogInterval      how often each source's catalog (tables, columns, keys, comments) is read again (one
 *                             query), changes published as {@code SourceCatalogRead} and the publication extended to
 *                             new tables; zero: never (then tables created later are not captured unless the
 *                             publication is FOR ALL TABLES)
 * @param sources              the databases to capture
 */
@Validated
@ConfigurationProperties("daicho.capture")
public record CaptureProperties(
        @NotBlank String bootstrapServers,
        @NotNull Path offsetDirectory,
        @DefaultValue("7d") Duration changeTopicRetention,
        @DefaultValue("5s") Duration restartBackoff,
        @DefaultValue("2s") Duration catalogInterval,
        @DefaultValue List<@Valid Source> sources) {

    /**
     * One PostgreSQL source database.
     *
     * @param name         logical name; becomes the Debezium {@code topic.prefix}, so topics are
     *                     {@code <name>.<schema>.<table>}
     * @param tables       Debezium {@code table.include.list} (regular expressions, comma separated);
     *                     empty captures every table
     * @param snapshotMode Debezium {@code snapshot.mode}
     * @param debezium     any further Debezium connector property, passed through as is
     */
    public record Source(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_\\-]+", message = "use letters, digits, '_' or '-'") String name,
            @NotBlank String host,
            @DefaultValue("5432") int port,
            @NotBlank String database,
            @NotBlank String user,
            @DefaultValue("") String password,
            @DefaultValue("") String tables,
            @DefaultValue("initial") String snapshotMode,
            @DefaultValue Map<String, String> debezium) {

        @Override
        public String toString() {
            return "Source[name=" + name + ", " + user + "@" + host + ":" + port + "/" + database
                    + ", tables=" + (tables.isBlank() ? "*" : tables) + ", password=****]";
        }
    }
}
