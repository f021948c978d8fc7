package io.synod.sql.calcite.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP TABLE|VIEW|INDEX|SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]}. Calcite's own drop
 * nodes have no drop behaviour; RESTRICT (the default) refuses to drop an object others depend on.
 */
public final class SqlDropSynodObject extends SqlDrop {

    /** What is dropped. */
    public enum ObjectKind {
        TABLE(SqlKind.DROP_TABLE), VIEW(SqlKind.DROP_VIEW), INDEX(SqlKind.DROP_INDEX), SCHEMA(SqlKind.DROP_SCHEMA);

        final SqlOperator operator;

        ObjectKind(SqlKind kind) {
            this.operator = new SqlSpecialOperator("DROP " + name(), kind);
        }
    }

    public final ObjectKind objectKind;
    public final SqlIdentifier name;
    public final boolean cascade;

    public SqlDropSynodObject(SqlParserPos pos, ObjectKind objectKind, boolean ifExists, SqlIdentifier name,
                              boolean cascade) {
        super(objectKind.operator, pos, ifExists);
        this.objectKind = objectKind;
        this.name = Objects.requireNonNull(name, "name");
        this.cascade = cascade;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(objectKind.name());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword(cascade ? "CASCADE" : "RESTRICT");
    }
}
