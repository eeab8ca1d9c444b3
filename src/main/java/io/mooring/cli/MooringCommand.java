package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.engine.EngineException;
import io.mooring.model.InvalidConfigException;
import io.mooring.source.SourceException;
import io.mooring.state.StateException;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import java.util.function.Supplier;

/**
 * What every Mooring command shares: its options are parsed once into a value {@code O}, and a failure that is the
 * input's or the situation's fault (an invalid revision, an unreachable repository or engine, a broken state
 * database, a user or usage error) is one message on stderr and an exit code, without a stack trace. Anything
 * else is a defect, reported as an internal error with its trace.
 */
public abstract class MooringCommand<O> extends Command {
    protected MooringCommand(String name, String description) {
        super(name, description);
    }

    /**
     * The command's options, read from the command line (and files it names) once; a bad one is a {@link UsageError}.
     * {@code bootstrap} is Dropwizard's, asked for only to read an agent file: {@link CommandLine} makes it then.
     */
    protected abstract O options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) throws Exception;

    protected abstract void run(O options) throws Exception;

    /** Whether the command reads tenant folders. */
    public boolean readsTenants() {
        return false;
    }

    /** Whether the command opens a Git repository (its adapter is then made ready while the command starts). */
    public boolean opensRepository() {
        return false;
    }

    /**
     * Whether the tenant files' schemas are compiled while the command starts: a command that reads tenants and keeps no
     * verdicts of them ({@link SchemaVerdicts}: {@code apply} and {@code plan} on the local engine compile them only for a
     * file they have not seen pass).
     */
    public boolean compilesSchemasAhead(java.util.List<String> args) {
        return readsTenants();
    }

    @Override
    public final void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        run(() -> bootstrap, namespace);
    }

    /** The command, with Dropwizard's bootstrap made only if it is asked for. */
    public final void run(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) throws Exception {
        O options = null;
        try {
            options = options(bootstrap, namespace);
            run(options);
        } catch (UserError | UsageError e) {
            throw e;
        } catch (Exception e) {
            Optional<RuntimeException> explained = explain(options, e);
            if (explained.isPresent()) {
                throw explained.get();
            }
            throw e;
        }
    }

    /**
     * The failure in the user's words when it is not a defect; {@code options} is null when reading them failed.
     * Commands add the failures their own work expects.
     */
    protected Optional<RuntimeException> explain(O options, Exception e) {
        if (e instanceof InvalidConfigException) {
            return Optional.of(new UserError(e.getMessage() + "\nmooring: " + invalidRevision(options)));
        }
        if (e instanceof SourceException || e instanceof EngineException || e instanceof StateException) {
            return Optional.of(new UserError("mooring: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** What the line after an invalid revision's problems says: what was not done because of them. */
    protected String invalidRevision(O options) {
        return "revision is invalid";
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        onError(cli.getStdErr(), e);
    }

    /** A known failure as its one message; anything else as an internal error with its trace. */
    public static void onError(java.io.PrintWriter stderr, Throwable e) {
        if (e instanceof UserError || e instanceof UsageError) {
            stderr.println(e.getMessage());
        } else {
            stderr.println("mooring: internal error: " + e);
            e.printStackTrace(stderr);
        }
    }

    /** The process's exit code after {@code t}: 2 for a usage error, a user error's own code, 1 for anything else. */
    public static int exitCode(Throwable t) {
        if (t instanceof ArgumentParserException || t instanceof UsageError) {
            return 2;
        }
        return t instanceof UserError userError ? userError.exitCode() : 1;
    }
}
