package jp.daicho.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Multinomial logistic regression over named binary features: one weight per feature and class, a bias per
 * class, trained by AdaGrad with L2 regularisation in a fixed order (a seeded shuffle), so the same data
 * always gives the same weights. Small enough to read: a feature's weights say which classes it speaks for.
 */
final class Softmax {

    /** How a model is trained; every setting is part of what makes a model reproducible. */
    record Settings(int epochs, double learningRate, double l2, long seed, Map<String, Double> classWeights) {
        static final Settings DEFAULT = new Settings(15, 0.3, 1e-4, 20261202L, Map.of());
    }

    /** A labelled example: its feature names, its class and how much it counts. */
    record Example(List<String> features, String label, double weight) {
    }

    /** One feature's share in a decision: its name and the weight it adds to the chosen class. */
    record Contribution(String feature, double weight) {
    }

    private static final String BIAS = "(bias)";

    private final String[] classes;
    private final Map<String, float[]> weights;

    private Softmax(String[] classes, Map<String, float[]> weights) {
        this.classes = classes;
        this.weights = weights;
    }

    List<String> classes() {
        return List.of(classes);
    }

    int features() {
        return weights.size();
    }

    /** Class probabilities for the features, in the order of {@link #classes()}. */
    double[] probabilities(List<String> features) {
        double[] scores = new double[classes.length];
        add(scores, weights.get(BIAS));
        for (String f : features) {
            add(scores, weights.get(f));
        }
        return softmax(scores);
    }

    /** The features that pushed {@code classIndex} up the most, strongest first. */
    List<Contribution> contributions(List<String> features, int classIndex, int limit) {
        var all = new ArrayList<Contribution>();
        for (String f : new java.util.LinkedHashSet<>(features)) {
            float[] w = weights.get(f);
            if (w != null && w[classIndex] > 0) {
                all.add(new Contribution(f, w[classIndex]));
            }
        }
        all.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return all.subList(0, Math.min(limit, all.size()));
    }

    private static void add(double[] scores, float[] w) {
        if (w != null) {
            for (int k = 0; k < scores.length; k++) {
                scores[k] += w[k];
            }
        }
    }

    private static double[] softmax(double[] scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            p[k] = StrictMath.exp(scores[k] - max); // StrictMath: the same bits on every JVM and JIT tier, so training is reproducible
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** Trains on the examples; classes are ordered by name, features by first appearance. */
    static Softmax train(List<Example> examples, Settings settings) {
        String[] classes = examples.stream().map(Example::label).distinct().sorted().toArray(String[]::new);
        var classIndex = new HashMap<String, Integer>();
        for (int k = 0; k < classes.length; k++) {
            classIndex.put(classes[k], k);
        }
        var featureIndex = new LinkedHashMap<String, Integer>();
        featureIndex.put(BIAS, 0);
        int[][] rows = new int[examples.size()][];
        for (int i = 0; i < examples.size(); i++) {
            rows[i] = examples.get(i).features().stream().distinct()
                    .mapToInt(f -> featureIndex.computeIfAbsent(f, x -> featureIndex.size())).toArray();
        }
        int n = featureIndex.size();
        int c = classes.length;
        double[][] w = new double[n][c];
        double[][] g2 = new double[n][c];
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        var random = new SplittableRandom(settings.seed());
        double[] scores = new double[c];
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                Example example = examples.get(i);
                int[] row = rows[i];
                Arrays.fill(scores, 0);
                for (int k = 0; k < c; k++) {
                    scores[k] = w[0][k];
                }
                for (int f : row) {
                    for (int k = 0; k < c; k++) {
                        scores[k] += w[f][k];
                    }
                }
                double[] p = softmax(scores);
                int y = classIndex.get(example.label());
                double weight = example.weight() * settings.classWeights().getOrDefault(example.label(), 1.0);
                update(w, g2, 0, p, y, weight, 0, settings.learningRate());
                for (int f : row) {
                    update(w, g2, f, p, y, weight, settings.l2(), settings.learningRate());
                }
            }
        }
        var weights = new LinkedHashMap<String, float[]>();
        featureIndex.forEach((name, f) -> {
            float[] v = new float[c];
            boolean any = false;
            for (int k = 0; k < c; k++) {
                v[k] = round(w[f][k]);
                any |= v[k] != 0;
            }
            if (any) {
                weights.put(name, v);
            }
        });
        return new Softmax(classes, weights);
    }

    private static void update(double[][] w, double[][] g2, int f, double[] p, int y, double weight, double l2, double rate) {
        for (int k = 0; k < p.length; k++) {
            double g = weight * (p[k] - (k == y ? 1 : 0)) + l2 * w[f][k];
            g2[f][k] += g * g;
            w[f][k] -= rate * g / (Math.sqrt(g2[f][k]) + 1e-8);
        }
    }

    /** Weights kept to three decimals, so the written model reads back to exactly the weights it had. */
    private static float round(double w) {
        return (float) (Math.round(w * 1_000) / 1_000.0);
    }

    /** One line of classes, then one line per feature: {@code name TAB class:weight …}, zero weights left out. */
    void write(StringBuilder out) {
        out.append("classes");
        for (String k : classes) {
            out.append('\t').append(k);
        }
        out.append('\n');
        new TreeMap<>(weights).forEach((name, w) -> {
            out.append(name);
            for (int k = 0; k < w.length; k++) {
                if (w[k] != 0) {
                    out.append('\t').append(k).append(':').append(String.format(Locale.ROOT, "%.3f", w[k]));
                }
            }
            out.append('\n');
        });
        out.append("end\n");
    }

    static Softmax read(BufferedReader in) {
        try {
            String header = in.readLine();
            if (header == null || !header.startsWith("classes\t")) {
                throw new IllegalStateException("model: expected a 'classes' line, found " + header);
            }
            String[] classes = header.substring("classes\t".length()).split("\t");
            var weights = new HashMap<String, float[]>();
            for (String line = in.readLine(); line != null && !line.equals("end"); line = in.readLine()) {
                String[] parts = line.split("\t");
                float[] w = new float[classes.length];
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    w[Integer.parseInt(parts[i].substring(0, colon))] = Float.parseFloat(parts[i].substring(colon + 1));
                }
                weights.put(parts[0], w);
            }
            return new Softmax(classes, weights);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
