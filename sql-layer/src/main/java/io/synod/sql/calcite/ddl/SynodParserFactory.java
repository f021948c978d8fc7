package io.synod.sql.calcite.ddl;

import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.util.SourceStringReader;

/** Parser factory for Synod connections: {@link SynodSqlParser} with {@link SynodDdlExecutor}. */
public final class SynodParserFactory implements SqlParserImplFactory {

    /** Named by the {@code parserFactory} connection property ({@code class#INSTANCE}). */
    public static final SynodParserFactory INSTANCE = new SynodParserFactory();

    private SynodParserFactory() {
    }

    @Override
    public SqlAbstractParserImpl getParser(Reader reader) {
        SynodSqlParser parser = new SynodSqlParser(reader);
        if (reader instanceof SourceStringReader source) {
            parser.setOriginalSql(source.getSourceString());
        }
        return parser;
    }

    @Override
    public DdlExecutor getDdlExecutor() {
        return SynodDdlExecutor.INSTANCE;
    }
}
