package jp.daicho.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.daicho.classification.Model;

/** The model Daichō ships is the one the training command makes from the corpus in the project. */
class ModelTest {

    static final Path ROOT = Path.of("../..");
    static final Path CORPUS = ROOT.resolve("classification/corpus");
    static final Path COMMITTED = ROOT.resolve("classification/src/main/resources/jp/daicho/classification/model.txt");

    @Test
    void theCommittedModelIsWhatTrainingOnTheCorpusProduces() throws IOException {
        String trained = Model.train(Corpus.read(List.of(CORPUS.toString()))).write();

        assertThat(trained)
                .as("the committed model differs from a fresh training run: run bin/daicho classify --train "
                        + "classification/corpus --out " + ROOT.relativize(COMMITTED) + " and commit it")
                .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(Model.builtIn().write()).isEqualTo(trained);
    }

    @Test
    void trainingTwiceGivesTheSameModel() throws IOException {
        var corpus = Corpus.read(List.of(CORPUS.resolve("sakila.json").toString(), CORPUS.resolve("welcart.json").toString()));

        assertThat(Model.train(corpus).write()).isEqualTo(Model.train(corpus).write());
    }

    /** The corpus is copied from the shared development corpus; when that grows, the copy must follow. */
    @Test
    void theCorpusIsInStepWithTheSharedDevelopmentCorpus() throws IOException {
        Path shared = ROOT.resolve("../shared/eval-dev");
        if (!Files.isDirectory(shared)) {
            return; // a checkout without the shared folder: the project's own copy is all there is
        }
        try (Stream<Path> files = Files.list(shared)) {
            for (Path file : files.toList()) {
                Path copy = CORPUS.resolve(file.getFileName());
                assertThat(copy).as(file.getFileName() + " is in ../shared/eval-dev but not in classification/corpus: "
                        + "copy it (cp ../shared/eval-dev/* classification/corpus/) and retrain the model").exists();
                assertThat(Files.mismatch(file, copy)).as(file.getFileName() + " differs from ../shared/eval-dev: "
                        + "copy it again and retrain the model").isEqualTo(-1L);
            }
        }
    }

    @Test
    void theEvaluationCommandPrintsHeldOutFiguresPerApplicationAndPooled() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var cli = new Daicho(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int code = cli.run(new String[] {"classify", "--evaluate", CORPUS.resolve("sakila.json").toString(),
                CORPUS.resolve("spring-petclinic.json").toString(), CORPUS.resolve("welcart.json").toString()}, null);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).contains("leave-one-application-out over 3 applications");
        assertThat(lines).filteredOn(l -> l.startsWith("welcart")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("samples", "personal P=", "item acc=", "subject acc=", "ECE="))
                .anySatisfy(l -> assertThat(l).contains("names-only"));
        assertThat(lines).filteredOn(l -> l.startsWith("pooled")).hasSize(2);
    }
}
