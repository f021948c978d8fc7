package io.synod.sql.calcite.ddl;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlDdlNodes;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.ddl.ParseException;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.parser.ddl.Token;

/**
 * Calcite's DDL parser plus the statements its grammar lacks or gets too narrow for a database
 * with keys: column-level {@code PRIMARY KEY}/{@code UNIQUE} and options in any order in
 * {@code CREATE TABLE}, {@code CREATE [UNIQUE] INDEX}, {@code ALTER TABLE ... ADD COLUMN} and
 * {@code DROP ... [CASCADE | RESTRICT]}. These are recognised from the first tokens and parsed by
 * driving the generated parser's own productions (identifiers, data types, expressions, queries),
 * so casing, quoting and error positions behave exactly as for every other statement; anything
 * else goes to the stock grammar untouched.
 */
public final class SynodSqlParser extends SqlDdlParserImpl {

    public SynodSqlParser(Reader reader) {
        super(reader);
    }

    @Override
    public SqlNode parseSqlStmtEof() throws Exception {
        SqlNode statement = synodStatementOrNull();
        if (statement == null) {
            return super.parseSqlStmtEof();
        }
        accept(SEMICOLON);
        expect(EOF);
        return statement;
    }

    private SqlNode synodStatementOrNull() throws Exception {
        Token first = getToken(1);
        Token second = getToken(2);
        switch (first.kind) {
            case CREATE:
                if (second.kind == TABLE) {
                    return createTable();
                }
                if (isIndexWord(second) || (second.kind == UNIQUE && isIndexWord(getToken(3)))) {
                    return createIndex();
                }
                return null;
            case DROP:
                if (second.kind == TABLE || second.kind == VIEW || second.kind == SCHEMA || isIndexWord(second)) {
                    return drop();
                }
                return null;
            case ALTER:
                return second.kind == TABLE ? alterTable() : null;
            default:
                return null;
        }
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] name [(element, ...)] [AS query]}. */
    private SqlNode createTable() throws Exception {
        SqlParserPos start = position(getNextToken());
        expect(TABLE);
        boolean ifNotExists = IfNotExistsOpt();
        SqlIdentifier name = CompoundIdentifier();
        SqlNodeList elements = null;
        if (getToken(1).kind == LPAREN) {
            SqlParserPos open = position(getNextToken());
            List<SqlNode> list = new ArrayList<>();
            do {
                tableElement(list, false);
            } while (accept(COMMA));
            expect(RPAREN);
            elements = new SqlNodeList(list, open.plus(getPos()));
        }
        SqlNode query = null;
        if (accept(AS)) {
            query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY);
        }
        return SqlDdlNodes.createTable(start.plus(getPos()), false, ifNotExists, name, elements, query);
    }

    /**
     * A column definition (with column-level {@code NULL}, {@code NOT NULL}, {@code DEFAULT},
     * {@code PRIMARY KEY} and {@code UNIQUE} in any order) or, unless {@code columnOnly}, a table
     * constraint, which the stock production parses, or a bare column name (for AS query).
     */
    private void tableElement(List<SqlNode> list, boolean columnOnly) throws Exception {
        Token next = getToken(1);
        boolean constraint = next.kind == CONSTRAINT || next.kind == PRIMARY || next.kind == UNIQUE
                || next.kind == CHECK;
        if (constraint) {
            if (columnOnly) {
                throw error(next, "ALTER TABLE ... ADD adds a column; constraints are declared in CREATE TABLE"
                        + " or as a CREATE UNIQUE INDEX");
            }
            TableElement(list);
            return;
        }
        SqlIdentifier id = SimpleIdentifier();
        int after = getToken(1).kind;
        if (!columnOnly && (after == COMMA || after == RPAREN)) {
            list.add(id); // a bare column name: CREATE TABLE t (a, b) AS query
            return;
        }
        SqlDataTypeSpec type = DataType();
        Boolean nullable = null;
        SqlNode defaultValue = null;
        List<SqlNode> constraints = new ArrayList<>();
        while (true) {
            Token option = getToken(1);
            if (option.kind == NULL || option.kind == NOT) {
                boolean notNull = option.kind == NOT;
                getNextToken();
                if (notNull) {
                    expect(NULL);
                }
                if (nullable != null && nullable == notNull) {
                    throw error(option, "column " + id + " is declared both NULL and NOT NULL");
                }
                nullable = !notNull;
            } else if (option.kind == DEFAULT_) {
                if (defaultValue != null) {
                    throw error(option, "column " + id + " has two DEFAULT clauses");
                }
                getNextToken();
                defaultValue = Expression(ExprContext.ACCEPT_NON_QUERY);
            } else if (option.kind == PRIMARY) {
                getNextToken();
                expect(KEY);
                if (Boolean.TRUE.equals(nullable)) {
                    throw error(option, "primary key column " + id + " cannot be NULL");
                }
                nullable = false;
                constraints.add(SqlDdlNodes.primary(position(option).plus(getPos()), null,
                        SqlNodeList.of(id)));
            } else if (option.kind == UNIQUE) {
                getNextToken();
                constraints.add(SqlDdlNodes.unique(position(option).plus(getPos()), null, SqlNodeList.of(id)));
            } else {
                break;
            }
        }
        if (columnOnly && !constraints.isEmpty()) {
            throw error(getToken(0), "ALTER TABLE ... ADD COLUMN cannot declare a key; use CREATE UNIQUE INDEX");
        }
        boolean isNullable = nullable == null || nullable;
        ColumnStrategy strategy = defaultValue != null ? ColumnStrategy.DEFAULT
                : isNullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE;
        list.add(SqlDdlNodes.column(id.getParserPosition().plus(getPos()), id, type.withNullable(isNullable),
                defaultValue, strategy));
        list.addAll(constraints);
    }

    /** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column, ...)}. */
    private SqlNode createIndex() throws Exception {
        SqlParserPos start = position(getNextToken());
        boolean unique = accept(UNIQUE);
        getNextToken(); // INDEX, checked by the caller
        boolean ifNotExists = IfNotExistsOpt();
        SqlIdentifier name = SimpleIdentifier();
        expect(ON);
        SqlIdentifier table = CompoundIdentifier();
        SqlNodeList columns = ParenthesizedSimpleIdentifierList();
        return new SqlCreateIndex(start.plus(getPos()), ifNotExists, unique, name, table, columns);
    }

    /** {@code DROP TABLE|VIEW|SCHEMA|INDEX [IF EXISTS] name [CASCADE | RESTRICT]}. */
    private SqlNode drop() throws Exception {
        SqlParserPos start = position(getNextToken());
        Token what = getNextToken();
        SqlDropSynodObject.ObjectKind kind = switch (what.kind) {
            case TABLE -> SqlDropSynodObject.ObjectKind.TABLE;
            case VIEW -> SqlDropSynodObject.ObjectKind.VIEW;
            case SCHEMA -> SqlDropSynodObject.ObjectKind.SCHEMA;
            default -> SqlDropSynodObject.ObjectKind.INDEX;
        };
        boolean ifExists = IfExistsOpt();
        SqlIdentifier name = CompoundIdentifier();
        boolean cascade = accept(CASCADE);
        if (!cascade) {
            accept(RESTRICT);
        }
        return new SqlDropSynodObject(start.plus(getPos()), kind, ifExists, name, cascade);
    }

    /** {@code ALTER TABLE name ADD [COLUMN] [IF NOT EXISTS] column-definition}. */
    private SqlNode alterTable() throws Exception {
        SqlParserPos start = position(getNextToken());
        expect(TABLE);
        SqlIdentifier table = CompoundIdentifier();
        expect(ADD);
        accept(COLUMN);
        boolean ifNotExists = IfNotExistsOpt();
        List<SqlNode> elements = new ArrayList<>();
        tableElement(elements, true);
        return new SqlAlterTableAddColumn(start.plus(getPos()), table, ifNotExists,
                (SqlColumnDeclaration) elements.get(0));
    }

    private static boolean isIndexWord(Token token) {
        return token.kind == IDENTIFIER && token.image.equalsIgnoreCase("INDEX");
    }

    private boolean accept(int kind) {
        if (getToken(1).kind != kind) {
            return false;
        }
        getNextToken();
        return true;
    }

    private Token expect(int kind) throws ParseException {
        if (getToken(1).kind != kind) {
            // The standard "Encountered ... at line l, column c. Was expecting: ..." error.
            throw new ParseException(token, new int[][] {{kind}}, tokenImage);
        }
        return getNextToken();
    }

    private static SqlParserPos position(Token token) {
        return new SqlParserPos(token.beginLine, token.beginColumn, token.endLine, token.endColumn);
    }

    private static SqlParseException error(Token at, String message) {
        SqlParserPos pos = position(at);
        return new SqlParseException(message + " at line " + pos.getLineNum() + ", column " + pos.getColumnNum(),
                pos, null, null, null);
    }
}
