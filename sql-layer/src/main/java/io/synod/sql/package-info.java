/**
 * The SQL layer: catalog, row and index encoding over the replicated key-value store, Apache
 * Calcite planning with key-value access paths, transactions and the SQL gateway service.
 * Filled by the SQL work; it depends only on {@code kv-cluster}'s client API.
 */
package io.synod.sql;
