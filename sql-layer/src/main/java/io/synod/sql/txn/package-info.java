/**
 * Serializable transactions by optimistic validation ({@link io.synod.sql.txn.Transaction}):
 * buffered writes, reads recorded as range conditions, one conditional commit. Also the
 * block-allocated sequences ({@link io.synod.sql.txn.Sequences}) for table and row ids.
 */
package io.synod.sql.txn;
