package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schemas' passes kept under a node's home between commands. */
class SchemaVerdictsTest {
    private static String key(int n) {
        return String.format("%064x", n);
    }

    @Test
    void passesAreKeptPrivatelyForTheNextCommandOfTheSameBuild(@TempDir Path home) throws Exception {
        SchemaVerdicts first = SchemaVerdicts.under(home);
        assertThat(first.holds(key(1))).isFalse();
        first.add(key(1));
        first.add("not a key");
        first.save();

        Path file = home.resolve(SchemaVerdicts.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).hasSize(2).last().isEqualTo(key(1));
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
        SchemaVerdicts next = SchemaVerdicts.under(home);
        assertThat(next.holds(key(1))).isTrue();
        assertThat(next.holds("not a key")).isFalse();
    }

    @Test
    void anotherBuildsOrAnUnreadableFileIsStartedAfresh(@TempDir Path home) throws Exception {
        Path file = home.resolve(SchemaVerdicts.FILE);
        Files.write(file, List.of("mooring-schema-verdicts 1 0.0.1 (another)", key(1)));
        assertThat(SchemaVerdicts.under(home).holds(key(1))).isFalse();

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(SchemaVerdicts.under(home).holds(key(1))).isFalse();

        Files.delete(file);
        Files.createDirectory(file);
        SchemaVerdicts verdicts = SchemaVerdicts.under(home);
        verdicts.add(key(2));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(verdicts::save)).isInstanceOf(java.io.IOException.class);
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theNewestAreKept(@TempDir Path home) throws Exception {
        SchemaVerdicts verdicts = SchemaVerdicts.under(home);
        for (int n = 0; n < SchemaVerdicts.KEPT + 5; n++) {
            verdicts.add(key(n));
        }
        verdicts.save();
        SchemaVerdicts next = SchemaVerdicts.under(home);
        assertThat(next.holds(key(4))).isFalse();
        assertThat(next.holds(key(5))).isTrue();
        assertThat(next.holds(key(SchemaVerdicts.KEPT + 4))).isTrue();
        assertThat(Files.readAllLines(home.resolve(SchemaVerdicts.FILE))).hasSize(SchemaVerdicts.KEPT + 1);
    }

    @Test
    void nothingIsWrittenWhenNothingWasAdded(@TempDir Path home) throws Exception {
        SchemaVerdicts verdicts = SchemaVerdicts.under(home);
        verdicts.save();
        assertThat(home.resolve(SchemaVerdicts.FILE)).doesNotExist();
    }
}
