/**
 * Schemas, tables, columns, indexes and views: immutable definitions, the
 * {@link io.synod.sql.catalog.Catalog} snapshot, and {@link io.synod.sql.catalog.CatalogStore},
 * which reads and changes them inside a transaction. {@link io.synod.sql.catalog.TableKeys}
 * gives the keys of a table's rows and index entries.
 */
package io.synod.sql.catalog;
