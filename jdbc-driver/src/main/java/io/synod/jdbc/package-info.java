/**
 * The thin JDBC driver ({@code jdbc:synod://host:port,...}) that speaks gRPC to any node's SQL
 * gateway; shipped as one shaded jar. Filled by the SQL work.
 */
package io.synod.jdbc;
