/** SQL column types and their Java value representation, shared by encoding, catalog and planning. */
package io.synod.sql.types;
