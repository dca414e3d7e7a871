package io.tokenomics.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistake in the command line as one line on stderr and exit code 2, instead of picocli's message followed by the
 * whole usage: an unknown command or option gets the closest known one ("Did you mean daily?"), anything else the
 * hint where the usage is.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        if (args.length == 0 && !commandLine.getSubcommands().isEmpty()) {
            // A bare "tokenomics": the list of commands is the answer.
            commandLine.usage(commandLine.getErr());
            return Main.USAGE;
        }
        commandLine.getErr().println("tokenomics: " + message(e));
        commandLine.getErr().flush();
        return Main.USAGE;
    }

    static String message(ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        String command = commandLine.getCommandSpec().qualifiedName();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            List<String> suggestions = unmatched.getSuggestions();
            String what = argument.startsWith("-") ? "unknown option '" + argument + "' for '" + command + "'"
                    : !commandLine.getSubcommands().isEmpty() ? "unknown command '" + argument + "'"
                    : "unexpected argument '" + argument + "' for '" + command + "'";
            if (!suggestions.isEmpty()) {
                return what + ". Did you mean " + suggestions.get(0) + "?";
            }
            return what + " (see '" + command + " --help')";
        }
        return e.getMessage() + " (see '" + command + " --help')";
    }
}
