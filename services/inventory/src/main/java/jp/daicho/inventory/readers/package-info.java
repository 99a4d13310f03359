/**
 * Who reads personal data (issue 19 §1): Kafka consumer groups reading topics that carry classified personal fields,
 * and what capture reports of its sources (replication slots, binary-log clients, roles with SELECT), matched to the
 * pipelines whose manifests name them. A reader no pipeline names and the DPO has not accepted raises an
 * {@code unregistered-flow} violation per dataset it can read; it resolves when a pipeline names it, the DPO accepts
 * it, or it is gone.
 */
package jp.daicho.inventory.readers;
