package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.classification.Classification;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.testkit.SyntheticChangeEvents;

class ChangeEventHandlerTest {

    /** The Kafka side kept in memory, for unit tests of the handler and of the loop around it. */
    static class Recorded implements Publications {
        final List<DatasetSchema> observed = new ArrayList<>();
        final List<String> classified = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();
        final List<RejectedEvent> rejected = new ArrayList<>();

        @Override
        public void datasetObserved(String sourceTopic, DatasetSchema schema) {
            observed.add(schema);
        }

        @Override
        public void fieldClassified(DatasetSchema schema, String column, Classification c) {
            classified.add(column + "=" + c.item().code());
            subjects.add(schema.table() + "." + column + "=" + c.subject().code());
        }

        @Override
        public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
            rejected.add(reason);
        }
    }

    final Recorded out = new Recorded();
    final ChangeEventHandler handler = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out, 5);
    final SyntheticChangeEvents events = new SyntheticChangeEvents(3);
    final SyntheticChangeEvents.Table members = SyntheticChangeEvents.realisticTables().getFirst();

    @Test
    void observesOncePerSchemaVersionAndSkipsParsingOnceSampled() {
        for (int i = 1; i <= 100; i++) {
            feed(events.insert("shop", members, i));
        }

        assertThat(out.observed).hasSize(1);
        assertThat(out.classified).contains("email=email", "電話番号=phone", "氏名=name", "フリガナ=name_kana");
        assertThat(handler.skipped()).isEqualTo(95);
    }

    @Test
    void aNewColumnIsANewSchemaVersion() {
        feed(events.insert("shop", members, 1));
        var wider = new SyntheticChangeEvents.Table("public", "members", new ArrayList<>(members.columns()));
        wider.columns().add(new SyntheticChangeEvents.Column("携帯電話", "string", "VARCHAR", i -> "080-0000-" + (1000 + i)));
        feed(events.insert("shop", wider, 2));

        assertThat(out.observed).hasSize(2);
        assertThat(out.observed.get(1).columns()).extracting(DatasetSchema.Column::name).contains("携帯電話");
        assertThat(out.classified).contains("携帯電話=phone");
    }

    @Test
    void aMalformedEventIsRejectedAndTheNextOnesAreStillHandled() {
        handler.handle("shop.public.members", 0, 0, null, "not json".getBytes(StandardCharsets.UTF_8));
        feed(events.insert("shop", members, 1));

        assertThat(out.rejected).hasSize(1);
        assertThat(out.observed).hasSize(1);
    }

    @Test
    void valuesThatDriftAreNoticedByResamplingAndOnlyTheChangeIsPublished() {
        var inbox = new SyntheticChangeEvents.Table("public", "inbox", List.of(
                new SyntheticChangeEvents.Column("id", "int64", "INT8", i -> Integer.toString(i)),
                new SyntheticChangeEvents.Column("c1", "string", "TEXT", i -> i <= 10 ? "hello " + i : "u" + i + "@example.jp")));
        var drifting = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out,
                new ChangeEventHandler.Sampling(5, 10, java.time.Duration.ZERO), () -> 0L, new ReviewedFields());

        for (int i = 1; i <= 40; i++) {
            var e = events.insert("shop", inbox, i);
            drifting.handle(e.topic(), 0, i, e.key().getBytes(StandardCharsets.UTF_8), e.value().getBytes(StandardCharsets.UTF_8));
        }

        assertThat(out.classified).containsSubsequence("c1=none", "c1=email");
        assertThat(out.classified).filteredOn(c -> c.startsWith("id=")).hasSize(1);
        assertThat(drifting.resampled()).isGreaterThanOrEqualTo(1);
        assertThat(out.observed).as("the same schema version").hasSize(1);
    }

    @Test
    void aLoginTableIsReconsideredWhenACustomerTableAppearsBesideIt() {
        var accounts = new SyntheticChangeEvents.Table("public", "accounts", List.of(
                new SyntheticChangeEvents.Column("account_id", "int64", "INT8", i -> Integer.toString(i)),
                new SyntheticChangeEvents.Column("login", "string", "VARCHAR", i -> "user" + i)));
        var customers = new SyntheticChangeEvents.Table("public", "customers", List.of(
                new SyntheticChangeEvents.Column("customer_id", "int64", "INT8", i -> Integer.toString(i))));

        for (int i = 1; i <= 6; i++) {
            feed(events.insert("shop", accounts, i));
        }
        assertThat(out.subjects).contains("accounts.login=customer");
        feed(events.insert("shop", customers, 1));

        assertThat(handler.reclassified()).isEqualTo(1);
        assertThat(out.subjects.getLast()).isNotEqualTo("accounts.login=customer");
        assertThat(out.subjects).contains("accounts.login=employee", "customers.customer_id=customer");
    }

    @Test
    void aNeighbourThatChangesNothingOfATablesContextCausesNoReclassification() {
        var accounts = new SyntheticChangeEvents.Table("public", "accounts", List.of(
                new SyntheticChangeEvents.Column("account_id", "int64", "INT8", i -> Integer.toString(i)),
                new SyntheticChangeEvents.Column("login", "string", "VARCHAR", i -> "user" + i)));
        var products = new SyntheticChangeEvents.Table("public", "products", List.of(
                new SyntheticChangeEvents.Column("product_id", "int64", "INT8", i -> Integer.toString(i))));
        for (int i = 1; i <= 6; i++) {
            feed(events.insert("shop", accounts, i));
        }
        int before = out.subjects.size();

        feed(events.insert("shop", products, 1));

        assertThat(handler.reclassified()).as("accounts' context did not change").isZero();
        assertThat(out.subjects.subList(before, out.subjects.size())).allMatch(s -> s.startsWith("products."));
    }

    @Test
    void theSourceCatalogsForeignKeysAndCommentsReachTheDecision() {
        var catalogs = new SourceCatalogs();
        var withCatalog = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out,
                ChangeEventHandler.Sampling.once(5), () -> 0L, new ReviewedFields(), catalogs);
        var visits = new SyntheticChangeEvents.Table("public", "visits", List.of(
                new SyntheticChangeEvents.Column("id", "int64", "INT8", i -> Integer.toString(i)),
                new SyntheticChangeEvents.Column("c1", "int64", "INT8", i -> Integer.toString(100 + i)),
                new SyntheticChangeEvents.Column("c2", "string", "VARCHAR", i -> "k" + i)));
        for (int i = 1; i <= 6; i++) {
            var e = events.insert("shop", visits, i);
            withCatalog.handle(e.topic(), 0, i, null, e.value().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.classified).contains("c1=none", "c2=none");

        // Capture read the catalog: c1 is a declared foreign key to members, c2's comment says what it holds.
        catalogs.read("shop.public.visits", java.util.Map.of(
                "c1", new SourceCatalogs.Column(false, "members.id", null),
                "c2", new SourceCatalogs.Column(false, null, "来店した会員のメールアドレス")));
        var next = events.insert("shop", visits, 7);
        withCatalog.handle(next.topic(), 0, 7, null, next.value().getBytes(StandardCharsets.UTF_8));

        assertThat(withCatalog.reclassified()).isEqualTo(1);
        assertThat(out.classified).contains("c1=identifier", "c2=email");
        assertThat(out.subjects).contains("visits.c1=customer");
    }

    @Test
    void aFieldADpoReviewedGetsNoAutomaticDecisionAnyMore() {
        var reviewed = new ReviewedFields();
        reviewed.reviewed("shop.public.members", "email");
        var honouring = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out,
                ChangeEventHandler.Sampling.once(5), () -> 0L, reviewed);

        var e = events.insert("shop", members, 1);
        honouring.handle(e.topic(), 0, 0, null, e.value().getBytes(StandardCharsets.UTF_8));

        assertThat(out.observed).hasSize(1);
        assertThat(out.observed.getFirst().datasetId()).isEqualTo("shop.public.members");
        assertThat(out.classified).isNotEmpty().noneMatch(c -> c.startsWith("email="));
        assertThat(out.classified).anyMatch(c -> c.startsWith("氏名="));
    }

    void feed(SyntheticChangeEvents.Event e) {
        handler.handle(e.topic(), 0, 0, e.key().getBytes(StandardCharsets.UTF_8), e.value().getBytes(StandardCharsets.UTF_8));
    }
}
