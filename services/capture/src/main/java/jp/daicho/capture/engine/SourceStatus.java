package jp.daicho.capture.engine;

import java.time.Instant;
import java.util.Locale;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.SourceState;
import jp.daicho.events.catalog.SourceStatusReported;

/**
 * One source's status as capture sees it, from its connector and its catalog reader. Pure: tests drive it.
 *
 * @param problem what keeps the source from streaming, with the fix, or null
 */
record SourceStatus(CaptureProperties.Source source, State state, String problem, int tables, long catalogReadAt,
                    long lastChangeAt) {

    enum State { STARTING, STREAMING, FAILING }

    /**
     * @param engine         the connector's state
     * @param engineFailure  the kind of failure that stopped the connector, if it did
     * @param catalogProblem what the catalog reader found wrong with the source (unreachable, credentials, privileges,
     *                       wal_level, binlog_format…), which explains more than the connector's failure
     */
    static SourceStatus of(CaptureProperties.Source source, State engine, String engineFailure, String catalogProblem,
                           int tables, long catalogReadAt, long lastChangeAt) {
        String problem = catalogProblem != null ? catalogProblem
                : engineFailure != null ? engineFailure + "; the capture service's log says more" : null;
        State state = problem != null && engine != State.STREAMING ? State.FAILING : engine;
        return new SourceStatus(source, state, problem, tables, catalogReadAt, lastChangeAt);
    }

    /**
     * Whether an operator would see a difference: the state, the problem, the tables, or the first change event (the
     * times as such are reported with the next heartbeat).
     */
    boolean sameAs(SourceStatus other) {
        return other != null && state == other.state && java.util.Objects.equals(problem, other.problem) && tables == other.tables
                && (lastChangeAt == 0) == (other.lastChangeAt == 0);
    }

    SourceStatusReported event(Instant now) {
        return SourceStatusReported.newBuilder()
                .setSource(source.name())
                .setKind(source.kind().name().toLowerCase(Locale.ROOT))
                .setEndpoint(source.user() + "@" + source.host() + ":" + source.port() + "/" + source.database())
                .setState(SourceState.valueOf(state.name()))
                .setProblem(problem)
                .setTables(tables)
                .setCatalogReadAt(catalogReadAt == 0 ? null : Instant.ofEpochMilli(catalogReadAt))
                .setLastChangeAt(lastChangeAt == 0 ? null : Instant.ofEpochMilli(lastChangeAt))
                .setReportedAt(now)
                .build();
    }
}
