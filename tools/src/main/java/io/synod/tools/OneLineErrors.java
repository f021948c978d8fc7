package io.synod.tools;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports bad flags and other user mistakes as one line plus a hint, with exit code 2.
 * Anything else is a bug and keeps its stack trace.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int USAGE_EXIT = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage());
        cmd.getErr().println("Try '" + name + " --help' for more information.");
        return USAGE_EXIT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) throws Exception {
        if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            return USAGE_EXIT;
        }
        throw ex;
    }
}
