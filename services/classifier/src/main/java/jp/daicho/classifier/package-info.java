/**
 * Classifier: {@code ingest/} reads change events (Kafka adapter, envelope reader, per-schema-version
 * handler), {@code classification/} decides item, subject and sensitivity (pure, framework-free), and
 * {@code publish/} maps results to our Avro events. Raw values live only in this service's memory.
 */
package jp.daicho.classifier;
