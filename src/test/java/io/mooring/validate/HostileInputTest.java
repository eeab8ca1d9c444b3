package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under src/test/resources/hostile is a tenant folder an attacker or a tired operator could
 * commit. Each must be refused with the file and line its {@code expected} file names (and the words after
 * them), whatever else is also reported.
 */
class HostileInputTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile");

    static Stream<String> folders() throws IOException {
        try (Stream<Path> list = Files.list(HOSTILE)) {
            List<String> names = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(40);
            return names.stream();
        }
    }

    /** The expected file's line: {@code file:line[:col]: words}, or {@code file:line:} alone. */
    static Expectation expectation(String folder) throws IOException {
        String expected = Files.readString(HOSTILE.resolve(folder).resolve("expected")).strip();
        int colon = expected.indexOf(':');
        int end = expected.indexOf(": ", colon + 1);
        String where = end < 0 ? expected : expected.substring(0, end);
        where = where.endsWith(":") ? where : where + ":";
        return new Expectation(where, end < 0 ? "" : expected.substring(end + 2));
    }

    record Expectation(String where, String words) {
        boolean matches(String problem, String prefix) {
            return problem.startsWith(prefix + where) && problem.contains(words);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void isRefusedWithFileAndLine(String folder) throws IOException {
        Expectation expected = expectation(folder);
        long start = System.nanoTime();
        Validator.Result result = Validator.tenant(new FileTree(HOSTILE.resolve(folder)), "hostile", Guardrails.defaults());
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> problems = result.problems().stream().map(p -> Validator.format("", p)).toList();
        assertThat(problems).as("%s (validated in %d ms)", folder, millis).anyMatch(p -> expected.matches(p, ""));
        assertThat(result.hosts()).isEmpty();
    }
}
