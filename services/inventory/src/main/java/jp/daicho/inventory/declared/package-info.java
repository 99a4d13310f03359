/**
 * Declared datasets (issue 19 §2): what is not in a captured database — web and app tags, SaaS, files — described by a
 * manifest naming the items it carries, recorded as a dataset like a captured one, so that pipelines start from it, the
 * 台帳 and the flows include it, and the inventory tells personal information from personally-related information.
 */
package jp.daicho.inventory.declared;
