/**
 * Bytes for SQL data: the order-preserving key encoding ({@link io.synod.sql.encoding.KeyEncoder},
 * {@link io.synod.sql.encoding.KeyDecoder}), the compact row encoding
 * ({@link io.synod.sql.encoding.RowCodec}) and the layout of the key space
 * ({@link io.synod.sql.encoding.KeySpace}).
 */
package io.synod.sql.encoding;
