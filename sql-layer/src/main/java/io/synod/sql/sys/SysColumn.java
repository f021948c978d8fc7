package io.synod.sql.sys;

import org.apache.calcite.sql.type.SqlTypeName;

/** One column of a {@code sys} table: its upper-case name, SQL type and whether it may be NULL. */
record SysColumn(String name, SqlTypeName type, boolean nullable) {

    static SysColumn notNull(String name, SqlTypeName type) {
        return new SysColumn(name, type, false);
    }

    static SysColumn nullable(String name, SqlTypeName type) {
        return new SysColumn(name, type, true);
    }
}
