package jp.daicho.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import jp.daicho.classification.ColumnProfile;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.classifier.ingest.ChangeEventHandler;
import jp.daicho.classifier.ingest.ChangeEventReader;
import jp.daicho.testkit.SyntheticChangeEvents;

/**
 * The cost of one column classification (the rules over a column's name, type and 20 sampled values, in
 * its table's context), and of the handler's per-event paths: recognising an already-sampled schema
 * version without parsing, and parsing an event of a version still being sampled.
 * Run with {@code bin/daicho-bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassificationCost {

    /** The four realistic tables of the synthetic generator have this many columns together. */
    static final int COLUMNS = 20;

    @Param({"20", "0"})
    int samples;

    final FieldClassifier classifier = new FieldClassifier();
    final List<TableProfile> tables = new ArrayList<>();
    byte[] sampledEvent;
    String sampledTopic;
    ChangeEventHandler handler;
    byte[][] newVersionEvents;

    record TableProfile(String name, List<ColumnProfile> columns) {
    }

    @Setup(Level.Trial)
    public void setUp() {
        int columns = 0;
        for (var table : SyntheticChangeEvents.realisticTables()) {
            var profiles = new ArrayList<ColumnProfile>();
            for (var column : table.columns()) {
                var values = new ArrayList<String>();
                for (int i = 1; i <= samples; i++) {
                    values.add(String.valueOf(column.value().apply(i)));
                }
                profiles.add(new ColumnProfile(table.table(), column.name(), column.sqlType(), values));
                columns++;
            }
            tables.add(new TableProfile(table.table(), profiles));
        }
        if (columns != COLUMNS) {
            throw new IllegalStateException("the generator now has " + columns + " columns: update COLUMNS");
        }
        var events = new SyntheticChangeEvents(7);
        var members = SyntheticChangeEvents.realisticTables().getFirst();
        handler = new ChangeEventHandler(new ChangeEventReader(2048), classifier, new jp.daicho.bench.DiscardedOutputs(), 20);
        for (int i = 1; i <= 20; i++) {
            var e = events.insert("bench", members, i);
            handler.handle(e.topic(), 0, i, null, e.value().getBytes(StandardCharsets.UTF_8));
        }
        var next = events.insert("bench", members, 21);
        sampledTopic = next.topic();
        sampledEvent = next.value().getBytes(StandardCharsets.UTF_8);
    }

    /** Per column: the whole table is classified at once (its context is part of every decision). */
    @Benchmark
    @OperationsPerInvocation(COLUMNS)
    public void classifyColumn(Blackhole out) {
        for (TableProfile table : tables) {
            out.consume(classifier.classifyTable(table.name(), table.columns()));
        }
    }

    /** Per event of a schema version whose sampling is done: a byte comparison, no parsing. */
    @Benchmark
    public void handleSampledEvent() {
        handler.handle(sampledTopic, 0, 0, null, sampledEvent);
    }
}
