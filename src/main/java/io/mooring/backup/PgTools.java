package io.mooring.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's own client tools as child processes: pg_dump in the custom format to a stream, pg_restore from
 * one, createdb, dropdb. A tool that exits with anything but 0 is a failure, with the last of what it wrote
 * to stderr; the end of pg_dump's output alone never counts as success.
 */
final class PgTools {
    private static final int STDERR_KEPT = 4096;
    /** How long one of these tools may run when the agent's configuration does not say (backup.dumpTimeout). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

    private PgTools() {
    }

    /** A running pg_dump: read its output, then {@link #finish} says whether it succeeded. */
    static final class Dump implements AutoCloseable {
        private final Process process;
        private final Thread stderr;
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        private final String what;
        private final ProcessDeadline deadline;

        private Dump(Process process, String what, Duration timeout) {
            this.process = process;
            this.what = what;
            this.stderr = drain(process.getErrorStream(), errors);
            this.deadline = new ProcessDeadline(process, timeout);
        }

        InputStream output() {
            return process.getInputStream();
        }

        /** Waits for the exit; a non-zero exit is an {@link IOException} with what pg_dump said. */
        void finish() throws IOException {
            try {
                int code = process.waitFor();
                stderr.join(5_000);
                if (deadline.passed()) {
                    throw new IOException(deadline.explanation(what));
                }
                if (code != 0) {
                    throw new IOException(what + " failed with exit code " + code + tail(errors));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(what + ": interrupted", e);
            }
        }

        @Override
        public void close() {
            deadline.close();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** {@code compression}: pg_dump's -Z level, 0-9, or -1 for its own default. */
    static Dump dump(PgConnection connection, int compression, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of("pg_dump", "-Fc"));
        if (compression >= 0) {
            command.add("-Z" + compression);
        }
        command.addAll(connection.options(connection.database()));
        return new Dump(start(command, connection), "pg_dump of " + connection, timeout);
    }

    /**
     * Restores a custom-format dump into {@code database}: into an empty one as a single transaction that
     * stops at the first error, or, with {@code clean}, over what is there (its objects dropped first).
     */
    static void restore(PgConnection connection, String database, InputStream dump, boolean clean, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"));
        if (clean) {
            command.addAll(List.of("--clean", "--if-exists"));
        }
        command.addAll(connection.options(database));
        Process process = start(command, connection);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread stderr = drain(process.getErrorStream(), errors);
        OutputStream in = process.getOutputStream();
        try (ProcessDeadline deadline = new ProcessDeadline(process, timeout)) {
            feed(process, dump, in, database);
            finish(process, stderr, errors, "pg_restore into database " + database + " at " + connection.host() + ":" + connection.port(),
                    deadline);
        }
    }

    /** Streams the dump into pg_restore; a dump that cannot be read stops it before it sees the end of a cut dump. */
    private static void feed(Process process, InputStream dump, OutputStream in, String database) throws IOException {
        try {
            byte[] buffer = new byte[64 * 1024];
            boolean reading = true;
            for (int n = dump.read(buffer); n >= 0 && reading; n = dump.read(buffer)) {
                try {
                    in.write(buffer, 0, n);
                } catch (IOException e) {
                    reading = false; // pg_restore stopped reading: its exit code and stderr say why
                }
            }
        } catch (IOException e) {
            // The backup could not be read (the bucket, decryption): pg_restore is stopped before it sees the end of a
            // cut dump, so its single transaction commits nothing.
            process.destroyForcibly();
            throw new IOException("cannot read the dump while restoring it into database " + database + ": " + e.getMessage()
                    + "; nothing was restored", e);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // pg_restore stopped reading already
            }
        }
    }

    static void createDatabase(PgConnection connection, String database, Duration timeout) throws IOException {
        run(timeout, connection, List.of("createdb", "--no-password", "-h", connection.host(), "-p", String.valueOf(connection.port()),
                "-U", connection.user(), connection.name(database)), "createdb " + database);
    }

    static void dropDatabase(PgConnection connection, String database, Duration timeout) throws IOException {
        run(timeout, connection, List.of("dropdb", "--if-exists", "--no-password", "-h", connection.host(), "-p", String.valueOf(connection.port()),
                "-U", connection.user(), connection.name(database)), "dropdb " + database);
    }

    /** pg_dump's version line, for the manifest. */
    static String version() {
        try {
            Process process = minimal(new ProcessBuilder("pg_dump", "--version")).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void run(Duration timeout, PgConnection connection, List<String> command, String what) throws IOException {
        Process process = start(command, connection);
        try (ProcessDeadline deadline = new ProcessDeadline(process, timeout)) {
            process.getOutputStream().close();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread stderr = drain(process.getErrorStream(), errors);
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            finish(process, stderr, errors, what, deadline);
        }
    }

    private static Process start(List<String> command, PgConnection connection) throws IOException {
        ProcessBuilder builder = minimal(new ProcessBuilder(command));
        builder.environment().putAll(connection.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " cannot be started (is PostgreSQL's client installed?): " + e.getMessage(), e);
        }
    }

    /**
     * The tools get what finds them and their messages, and what Mooring sets for the connection: never the agent's
     * environment, with its credentials and PG* settings that would point them elsewhere.
     */
    static ProcessBuilder minimal(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("PATH", "LANG", "LC_ALL", "LC_MESSAGES", "TZ")) {
            String value = env.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        env.clear();
        env.putAll(kept);
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        return builder;
    }

    private static void finish(Process process, Thread stderr, ByteArrayOutputStream errors, String what, ProcessDeadline deadline)
            throws IOException {
        try {
            process.waitFor(); // the deadline kills it when its time is up
            stderr.join(5_000);
            if (deadline.passed()) {
                throw new IOException(deadline.explanation(what));
            }
            if (process.exitValue() != 0) {
                throw new IOException(what + " failed with exit code " + process.exitValue() + tail(errors));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(what + ": interrupted", e);
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                        if (into.size() > STDERR_KEPT * 4) {
                            byte[] kept = into.toByteArray();
                            into.reset();
                            into.write(kept, kept.length - STDERR_KEPT, STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // the tool is gone
            }
        }, "mooring-pg-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String tail(ByteArrayOutputStream errors) {
        String text;
        synchronized (errors) {
            text = errors.toString(StandardCharsets.UTF_8).strip();
        }
        if (text.isEmpty()) {
            return "";
        }
        String flat = text.replaceAll("\\s*\\n\\s*", " | ");
        return ": " + (flat.length() <= 400 ? flat : "..." + flat.substring(flat.length() - 397));
    }
}
