package jp.daicho.inventory.datasets;

import java.time.Instant;
import java.util.List;

/** The classifier's decision for one field: the domain form of the {@code FieldClassified} event. */
public record FieldClassification(String datasetId, String field, String item, String subject, boolean sensitive,
                                  double confidence, List<String> evidence, int sampleCount, String fingerprint,
                                  String classifierVersion, Instant classifiedAt) {
}
