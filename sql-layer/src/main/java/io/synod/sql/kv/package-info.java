/**
 * What the SQL layer needs from the key-value store ({@link io.synod.sql.kv.SqlKv}): ordered scans
 * that report the revision they were served at, and an atomic commit guarded by range conditions.
 * {@link io.synod.sql.kv.KvClientSqlKv} runs it over the replicated KV service,
 * {@link io.synod.sql.kv.MemorySqlKv} in memory with the same semantics for tests.
 */
package io.synod.sql.kv;
