/**
 * The company as processor (受託者): datasets it holds on behalf of a client — who entrusted them, on which instructions,
 * what happens at the end — so that pipelines keep them within the entrusted work and their end is watched.
 */
package jp.daicho.inventory.processing;
