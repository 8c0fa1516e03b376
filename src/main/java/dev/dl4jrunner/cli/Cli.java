package dev.dl4jrunner.cli;

import dev.dl4jrunner.model.Backend;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the command line: the train command at the top, the other commands (resume, check-data, bench, runs, ui,
 * evaluate, predict) beside it, the exit codes, and error reporting that prints a message, never a stack trace
 * unless {@code --stacktrace} asks for it.
 */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TrainCommand());
        // A subcommand's name wins over the train command's EXPERIMENT; handlers set below reach subcommands.
        commandLine.addSubcommand("resume", new ResumeCommand());
        commandLine.addSubcommand("check-data", new CheckDataCommand());
        commandLine.addSubcommand("bench", new BenchCommand());
        commandLine.addSubcommand("runs", new RunsCommand());
        commandLine.addSubcommand("ui", new UiCommand());
        commandLine.addSubcommand("evaluate", new EvaluateCommand());
        commandLine.addSubcommand("predict", new PredictCommand());
        // --runs-dir's default, and a user's --runs-dir runs, name the runs subcommand; both are values there.
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        return withErrorHandling(commandLine);
    }

    /** {@code commandLine} with the runner's error messages and exit codes, as every runner command has them. */
    public static CommandLine withErrorHandling(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(Cli::handle);
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            return ExitCode.BAD_INPUT;
        });
        return commandLine;
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean stacktrace = asksForStacktrace(parseResult);
        if (e instanceof RunnerException known) {
            err.println(known.getMessage());
            if (stacktrace && known.getCause() != null) {
                known.getCause().printStackTrace(err);
            }
            return known.exitCode();
        }
        if (e instanceof Backend.BackendUnavailableException unavailable) {
            err.println(unavailable.getMessage());
            if (stacktrace) {
                unavailable.printStackTrace(err);
            }
            return ExitCode.INTERNAL_ERROR;
        }
        err.println("Internal error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
        if (stacktrace) {
            e.printStackTrace(err);
        } else {
            err.println("Run again with --stacktrace for the details, and please report it.");
        }
        return ExitCode.INTERNAL_ERROR;
    }

    /** {@code --stacktrace} given to the top command or to the subcommand that ran. */
    private static boolean asksForStacktrace(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}
