package io.synod.sql.session;

/** The SQLStates the SQL layer reports (SQL standard classes; PostgreSQL's codes where the standard has none). */
public final class SqlStates {

    public static final String SYNTAX_ERROR = "42601";
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
    public static final String UNDEFINED_TABLE = "42S02";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String AMBIGUOUS_COLUMN = "42702";
    public static final String UNDEFINED_FUNCTION = "42883";
    public static final String DATATYPE_MISMATCH = "42804";

    public static final String NOT_NULL_VIOLATION = "23502";

    public static final String DATA_EXCEPTION = "22000";
    public static final String INVALID_DATETIME = "22007";
    public static final String INVALID_CAST = "22018";

    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String STATEMENT_COMPLETION_UNKNOWN = "40003";
    public static final String IN_FAILED_TRANSACTION = "25P02";
    public static final String ACTIVE_TRANSACTION = "25001";
    public static final String READ_ONLY_TRANSACTION = "25006";
    public static final String NO_ACTIVE_TRANSACTION = "25P01";

    public static final String CONNECTION_DOES_NOT_EXIST = "08003";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String QUERY_CANCELED = "57014";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INVALID_CURSOR_STATE = "24000";
    public static final String INVALID_DESCRIPTOR_INDEX = "07009";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String INTERNAL_ERROR = "XX000";

    private SqlStates() {
    }
}
