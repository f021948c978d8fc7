package io.synod.sql.calcite.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column, ...)}. */
public final class SqlCreateIndex extends SqlCreate {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

    public final SqlIdentifier name;
    public final SqlIdentifier table;
    public final SqlNodeList columns;
    public final boolean unique;

    public SqlCreateIndex(SqlParserPos pos, boolean ifNotExists, boolean unique, SqlIdentifier name,
                          SqlIdentifier table, SqlNodeList columns) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = Objects.requireNonNull(name, "name");
        this.table = Objects.requireNonNull(table, "table");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.unique = unique;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createBoolean(unique, SqlParserPos.ZERO), name, table, columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (unique) {
            writer.keyword("UNIQUE");
        }
        writer.keyword("INDEX");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("ON");
        table.unparse(writer, leftPrec, rightPrec);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
