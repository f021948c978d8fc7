package io.synod.sql.catalog;

/** Checks on catalog object names. */
final class Names {

    /** The longest name accepted (in UTF-16 chars), like PostgreSQL's 63 bytes but friendlier. */
    static final int MAX_LENGTH = 128;

    private Names() {
    }

    static String check(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw CatalogException.invalid(what + " name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw CatalogException.invalid(what + " name is longer than " + MAX_LENGTH + " characters: " + name);
        }
        return name;
    }
}
