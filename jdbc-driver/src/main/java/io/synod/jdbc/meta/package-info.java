/**
 * DatabaseMetaData questions the driver asks the gateway beyond Avatica's protocol.
 */
package io.synod.jdbc.meta;
