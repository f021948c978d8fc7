package io.synod.sql.calcite.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE table ADD [COLUMN] [IF NOT EXISTS] name type [NOT NULL] [DEFAULT expr]}. */
public final class SqlAlterTableAddColumn extends SqlDdl {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

    public final SqlIdentifier table;
    public final boolean ifNotExists;
    public final SqlColumnDeclaration column;

    public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table, boolean ifNotExists,
                                  SqlColumnDeclaration column) {
        super(OPERATOR, pos);
        this.table = Objects.requireNonNull(table, "table");
        this.ifNotExists = ifNotExists;
        this.column = Objects.requireNonNull(column, "column");
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table, column);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, leftPrec, rightPrec);
        writer.keyword("ADD COLUMN");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        column.unparse(writer, 0, 0);
    }
}
