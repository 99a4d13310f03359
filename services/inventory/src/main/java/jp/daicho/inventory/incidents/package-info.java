/**
 * Incidents (漏えい等事案, APPI Art. 26; Enforcement Rules Art. 7–10): what the DPO records of a leak, loss or damage, and
 * the report drafted from what the inventory knows of the systems and datasets affected — their items, the number of
 * persons (from the 台帳 and the sources' row estimates, never a value), whether it must be reported and why, the
 * deadlines, and where the data went.
 */
package jp.daicho.inventory.incidents;
