package io.mooring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import io.mooring.testing.MooringCli;
import io.mooring.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long validating and rendering 1,000 tenants takes (goal: under 2 s), in process and as
 * {@code mooring validate} run from the jar, JVM start included, and how long the slowest hostile tenant folders take to
 * be refused (goal: well under 1 s each). It prints figures; it does not time-assert.
 */
class ValidateBenchmark {
    private static final int TENANTS = 1000;
    private static final List<Path> LAYOUTS = List.of(Path.of("src/test/resources/seeds/two-host"),
            Path.of("src/test/resources/seeds/five-host"), Path.of("src/test/resources/seeds/two-host-omlvoip"),
            Path.of("src/test/resources/seeds/managed"));

    @Test
    void validateAndRenderAThousandTenants(@TempDir Path repo) throws Exception {
        int hosts = writeRepository(repo);
        FileTree tree = new FileTree(repo);
        List<Validator.Result> results = Validator.repository(tree, Guardrails.defaults());
        assertThat(results).hasSize(TENANTS).allMatch(Validator.Result::valid);

        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            Validator.repository(tree, Guardrails.defaults());
            runs.add((System.nanoTime() - start) / 1_000_000);
        }
        runs.sort(null);
        long start = System.nanoTime();
        MooringCli.Result cli = MooringCli.run("validate", "--quiet", repo.toString());
        long cliMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(cli.exitCode()).as(cli.toString()).isZero();

        System.out.printf("benchmark validate+render: %,d tenants, %,d hosts, %,d containers rendered%n", TENANTS, hosts,
                results.stream().mapToLong(r -> r.hosts().values().stream().mapToLong(s -> s.containers().size()).sum()).sum());
        System.out.printf("benchmark validate+render: in process (warm JVM), 5 runs: best %,d ms, median %,d ms, worst %,d ms"
                + " (%.0f µs a tenant); goal < 2,000 ms%n", runs.get(0), runs.get(2), runs.get(4), runs.get(2) * 1000.0 / TENANTS);
        System.out.printf("benchmark validate+render: `mooring validate` from the jar, JVM start included: %,d ms%n", cliMillis);
    }

    @Test
    void refuseTheHostileFolders() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(Path.of("src/test/resources/hostile"))) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        Map<String, Long> best = new TreeMap<>();
        for (int run = 0; run < 3; run++) {
            for (Path folder : folders) {
                long start = System.nanoTime();
                Validator.Result result = Validator.tenant(new FileTree(folder), "hostile", Guardrails.defaults());
                long micros = (System.nanoTime() - start) / 1_000;
                assertThat(result.valid()).as(folder.toString()).isFalse();
                best.merge(folder.getFileName().toString(), micros, Math::min);
            }
        }
        System.out.printf("benchmark hostile folders: %d refused, best of 3 runs, all together %,d ms; the slowest:%n",
                best.size(), best.values().stream().mapToLong(Long::longValue).sum() / 1_000);
        best.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(5)
                .forEach(e -> System.out.printf("benchmark hostile folders:   %s refused in %,d ms; goal well under 1,000 ms%n",
                        e.getKey(), e.getValue() / 1_000));
    }

    /**
     * Tenants cycle through the seed layouts with their own tags, each on machines of its own (its own ansible_host
     * addresses: on shared ones, the layouts' ports would collide); every fourth carries its own components.yml.
     */
    private static int writeRepository(Path repo) throws IOException {
        String components = Files.readString(Path.of("instances-template/components.yml"));
        int hosts = 0;
        for (int i = 0; i < TENANTS; i++) {
            Path tenant = Files.createDirectories(repo.resolve("instances").resolve(String.format("tenant-%04d", i)));
            String inventory = Files.readString(LAYOUTS.get(i % LAYOUTS.size()).resolve("inventory.yml"))
                    .replace("django_version: latest", "django_version: " + Integer.toHexString(0x10000000 + i))
                    .replaceAll("ansible_host: \\d+\\.\\d+\\.\\d+\\.(\\d+)", "ansible_host: 10." + (i / 256) + "." + (i % 256) + ".$1");
            Files.writeString(tenant.resolve("inventory.yml"), inventory);
            if (i % 4 == 3) {
                Files.writeString(tenant.resolve("components.yml"), components);
            }
            hosts += List.of(2, 5, 2, 2).get(i % LAYOUTS.size());
        }
        return hosts;
    }
}
