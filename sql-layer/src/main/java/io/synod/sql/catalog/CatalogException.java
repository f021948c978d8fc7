package io.synod.sql.catalog;

import io.synod.sql.SqlStateException;

/**
 * A DDL statement or name lookup that does not fit the catalog. SQLStates follow PostgreSQL:
 * 42P06 duplicate schema, 42P07 duplicate table/view/index, 42701 duplicate column,
 * 3F000 unknown schema, 42P01 unknown table/view, 42704 unknown index, 42703 unknown column,
 * 2BP01 dependent objects still exist, 42P16 invalid table definition, 23505 unique violation and
 * 23502 not-null violation (building an index or adding a column over existing rows), 0A000 not supported,
 * 40001 an index being built was dropped meanwhile.
 */
public final class CatalogException extends SqlStateException {

    /** What went wrong, for callers that branch on it (e.g. IF [NOT] EXISTS). */
    public enum Kind { ALREADY_EXISTS, NOT_FOUND, NOT_EMPTY, INVALID, CONSTRAINT_VIOLATION }

    private final Kind kind;

    private CatalogException(Kind kind, String sqlState, String message) {
        super(sqlState, message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static CatalogException schemaExists(String schema) {
        return new CatalogException(Kind.ALREADY_EXISTS, "42P06", "schema " + schema + " already exists");
    }

    /** A table, view or index: they share one namespace per schema. */
    static CatalogException relationExists(String what, String schema, String name) {
        return new CatalogException(Kind.ALREADY_EXISTS, "42P07",
                what + " " + schema + "." + name + " already exists");
    }

    static CatalogException columnExists(String table, String column) {
        return new CatalogException(Kind.ALREADY_EXISTS, "42701",
                "column " + column + " of table " + table + " already exists");
    }

    static CatalogException unknownSchema(String schema) {
        return new CatalogException(Kind.NOT_FOUND, "3F000", "schema " + schema + " does not exist");
    }

    static CatalogException unknownRelation(String what, String schema, String name) {
        return new CatalogException(Kind.NOT_FOUND, "42P01", what + " " + schema + "." + name + " does not exist");
    }

    static CatalogException unknownIndex(String schema, String name) {
        return new CatalogException(Kind.NOT_FOUND, "42704", "index " + schema + "." + name + " does not exist");
    }

    static CatalogException unknownColumn(String table, String column) {
        return new CatalogException(Kind.NOT_FOUND, "42703",
                "column " + column + " of table " + table + " does not exist");
    }

    static CatalogException notEmpty(String message) {
        return new CatalogException(Kind.NOT_EMPTY, "2BP01", message);
    }

    static CatalogException invalid(String message) {
        return new CatalogException(Kind.INVALID, "42P16", message);
    }

    static CatalogException uniqueViolation(String message) {
        return new CatalogException(Kind.CONSTRAINT_VIOLATION, "23505", message);
    }

    static CatalogException notNullViolation(String message) {
        return new CatalogException(Kind.CONSTRAINT_VIOLATION, "23502", message);
    }

    /** A concurrent statement changed what a DDL statement committing in steps works on: retryable. */
    static CatalogException concurrentlyChanged(String message) {
        return new CatalogException(Kind.NOT_FOUND, "40001", message);
    }

    static CatalogException notSupported(String message) {
        return new CatalogException(Kind.INVALID, "0A000", message);
    }
}
