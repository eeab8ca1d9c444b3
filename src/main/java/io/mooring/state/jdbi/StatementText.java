package io.mooring.state.jdbi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.statement.UnableToCreateStatementException;

/**
 * The store's statements read as JDBI's defaults read them ({@code :name} parameters, {@code <name>} for a list bound
 * with {@code bindList}), by a plain scan of the text instead of JDBI's ANTLR grammars: their lexers build their tables
 * at a statement's first sight, some 20 ms of every command's first statements. Quoted text, quoted names and comments
 * are copied as they are; {@code ::} is a cast; {@code ?} a positional parameter. StatementTextTest checks the result
 * is JDBI's own for the shapes the store's statements have.
 */
final class StatementText implements SqlParser, TemplateEngine {
    static final StatementText INSTANCE = new StatementText();
    /** The store has a few dozen statements; a list bound with more values is another text, kept too, up to this. */
    private static final int CACHED = 512;
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();

    private StatementText() {
    }

    /**
     * JDBI on the data source as {@link #jdbi}, made on a thread of its own while this thread does {@code meanwhile} (the
     * database's open and its schema's check): JDBI's configuration, its registry of mappers and arguments, is 20 ms of
     * a command's start that needs no connection (nor holds one: when {@code meanwhile} fails, its making is left to end
     * on its own).
     */
    static Jdbi jdbiBeside(DataSource dataSource, Runnable meanwhile) {
        FutureTask<Jdbi> making = new FutureTask<>(() -> jdbi(dataSource));
        Thread thread = new Thread(making, "state-jdbi");
        thread.setDaemon(true);
        thread.start();
        meanwhile.run();
        return made(making);
    }

    private static Jdbi made(FutureTask<Jdbi> making) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return making.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** JDBI on the data source, its statements read by this class. */
    static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(SqlStatements.class).setSqlParser(INSTANCE).setTemplateEngine(INSTANCE);
        return jdbi;
    }

    @Override
    public String render(String template, StatementContext ctx) {
        if (template.indexOf('<') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int quoted = quotedEnd(template, i);
            if (quoted > i) {
                out.append(template, i, quoted);
                i = quoted;
            } else if (c == '<' && i + 1 < template.length() && Character.isJavaIdentifierStart(template.charAt(i + 1))) {
                int end = i + 1;
                while (end < template.length() && Character.isJavaIdentifierPart(template.charAt(end))) {
                    end++;
                }
                if (end < template.length() && template.charAt(end) == '>') {
                    String name = template.substring(i + 1, end);
                    Object value = ctx.getAttribute(name);
                    if (value == null) {
                        throw new UnableToCreateStatementException("the statement names <" + name + ">, which nothing defined", ctx);
                    }
                    out.append(value);
                    i = end + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public ParsedSql parse(String sql, StatementContext ctx) {
        ParsedSql known = parsed.get(sql);
        if (known != null) {
            return known;
        }
        ParsedSql result = scan(sql);
        if (parsed.size() >= CACHED) {
            parsed.clear();
        }
        parsed.put(sql, result);
        return result;
    }

    static ParsedSql scan(String sql) {
        ParsedSql.Builder out = ParsedSql.builder();
        StringBuilder text = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int quoted = quotedEnd(sql, i);
            if (quoted > i) {
                text.append(sql, i, quoted);
                i = quoted;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                text.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && nameChar(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && nameChar(sql.charAt(end))) {
                    end++;
                }
                out.append(text.toString()).appendNamedParameter(sql.substring(i + 1, end));
                text.setLength(0);
                i = end;
            } else if (c == '?') {
                out.append(text.toString()).appendPositionalParameter();
                text.setLength(0);
                i++;
            } else {
                text.append(c);
                i++;
            }
        }
        return out.append(text.toString()).build();
    }

    private static boolean nameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.';
    }

    /** Where a quoted text, quoted name or comment starting at {@code i} ends (exclusive); {@code i} when none starts there. */
    private static int quotedEnd(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int end = sql.indexOf(c, i + 1);
            while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                end = sql.indexOf(c, end + 2); // a doubled quote is one quote inside
            }
            return end < 0 ? sql.length() : end + 1;
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }

    @Override
    public String nameParameter(String rawName, StatementContext ctx) {
        return ":" + rawName;
    }
}
