package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mooring.testing.MooringCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The commands ask for transparent huge pages (command.jvm); on a host whose kernel has them off, the JVM would say so
 * on standard output, into what a script reads of {@code mooring validate} or {@code --version}. Turned off here for a
 * moment (the kernel's setting is the whole machine's: this class runs alone), the commands' output is theirs alone.
 */
class NoHugePagesIT {
    private static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Pattern CHOSEN = Pattern.compile("\\[(\\w+)]");

    @Test
    void aHostWithoutHugePagesGetsNoWordFromTheJvm() throws Exception {
        assumeTrue(Files.isWritable(SETTING), SETTING + " cannot be changed here");
        Matcher chosen = CHOSEN.matcher(Files.readString(SETTING));
        assertThat(chosen.find()).as("the kernel's setting in " + SETTING).isTrue();
        String before = chosen.group(1);
        MooringCli.Result version;
        MooringCli.Result validate;
        Files.writeString(SETTING, "never");
        try {
            assertThat(Files.readString(SETTING)).contains("[never]");
            version = MooringCli.run("--version");
            validate = MooringCli.run("validate", "instances-template/");
        } finally {
            Files.writeString(SETTING, before);
        }
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).as(version.toString()).startsWith("mooring ").doesNotContain("[warning]");
        assertThat(version.stderr()).as(version.toString()).isEmpty();
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.stdout() + validate.stderr()).as(validate.toString()).doesNotContain("[warning]")
                .doesNotContain("huge pages");
        assertThat(validate.stdout()).as(validate.toString()).isEqualTo(MooringCli.run("validate", "instances-template/").stdout());
    }
}
