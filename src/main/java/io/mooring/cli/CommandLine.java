package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * Mooring's own commands ({@code validate}, {@code plan}, {@code apply}, ...) run without Dropwizard's bootstrap: its
 * object mapper, validator and JVM metrics take half of a command's second, and a command needs them only to read an
 * agent file ({@code --config}), when the bootstrap is made. The parser is built as Dropwizard's {@code Cli} builds
 * it, so a command's usage, help and errors read the same; the program's own help, {@code server} and {@code check}
 * stay Dropwizard's.
 */
public final class CommandLine {
    private static final String COMMAND = "command";

    private CommandLine() {
    }

    /** Every Mooring command, in the order the program's help lists them. */
    public static List<MooringCommand<?>> commands() {
        return List.of(new ApplyCommand(), new ValidateCommand(), new PlanCommand(), new RevertCommand(), new BackupCommand(),
                new ImportCommand(), new StatusCommand(), new NodeCommand(), new SecretsCommand());
    }

    /** The command {@code args} run when it is one of Mooring's own (its name first), else empty. */
    public static Optional<MooringCommand<?>> of(String... args) {
        if (args.length > 0) {
            for (MooringCommand<?> command : commands()) {
                if (command.getName().equals(args[0])) {
                    return Optional.of(command);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} with {@code args} (its name first): empty when it succeeded or only printed its help, else
     * what failed, already told on stderr as Dropwizard's {@code Cli} tells it.
     */
    public static Optional<Throwable> run(MooringCommand<?> command, String[] args, String program, Supplier<Bootstrap<?>> bootstrap) {
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // The terminal's width is asked of stty, a process of its own: only worth it when a person reads the help.
        // In English, as Mooring's own messages are: the parser's translations (de, ja, nl, ru) would mix two languages in
        // one error, and looking for them under the user's locale costs every command a search of the jar.
        ArgumentParser parser = ArgumentParsers.newFor("java -jar " + program).addHelp(false).locale(Locale.ROOT)
                .terminalWidthDetection(System.console() != null).build();
        Subparsers subparsers = parser.addSubparsers().help("available commands");
        Subparser subparser = subparsers.addParser(command.getName(), false);
        command.configure(subparser);
        subparser.addArgument("-h", "--help").action(Arguments.help()).help("show this help message and exit")
                .setDefault(Arguments.SUPPRESS);
        subparser.description(command.getDescription()).setDefault(COMMAND, command.getName()).defaultHelp(true);
        try {
            Namespace namespace = parser.parseArgs(args);
            try {
                command.run(once(bootstrap), namespace);
                return Optional.empty();
            } catch (Throwable e) {
                MooringCommand.onError(stderr, e);
                return Optional.of(e);
            }
        } catch (HelpScreenException e) {
            return Optional.empty();
        } catch (ArgumentParserException e) {
            stderr.println(e.getMessage());
            e.getParser().printHelp(stderr);
            return Optional.of(e);
        } finally {
            stderr.flush();
        }
    }

    /** The bootstrap made at most once however many of the command's steps ask for it: making it takes a third of a second. */
    static Supplier<Bootstrap<?>> once(Supplier<Bootstrap<?>> bootstrap) {
        Bootstrap<?>[] made = new Bootstrap<?>[1];
        return () -> {
            if (made[0] == null) {
                made[0] = bootstrap.get();
            }
            return made[0];
        };
    }
}
