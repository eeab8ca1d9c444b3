package io.mooring.engine.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.mooring.model.ContainerOptions;
import io.mooring.model.Guardrails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a container's Compose options ({@link ContainerOptions}) on docker-java's create command, each where the engine takes it. */
final class DockerOptions {
    private DockerOptions() {
    }

    static void apply(ContainerOptions options, CreateContainerCmd cmd, HostConfig host, List<ExposedPort> exposed) {
        if (options.entrypoint() != null) {
            cmd.withEntrypoint(options.entrypoint());
        }
        text(options, "hostname", cmd::withHostName);
        text(options, "domainname", cmd::withDomainName);
        text(options, "user", cmd::withUser);
        text(options, "working_dir", cmd::withWorkingDir);
        text(options, "stop_signal", cmd::withStopSignal);
        text(options, "platform", cmd::withPlatform);
        number(options, "stop_grace_period", v -> cmd.withStopTimeout((int) Math.min(v, Integer.MAX_VALUE)));
        number(options, "shm_size", host::withShmSize);
        number(options, "mem_limit", host::withMemory);
        number(options, "mem_reservation", host::withMemoryReservation);
        number(options, "memswap_limit", host::withMemorySwap);
        number(options, "nano_cpus", host::withNanoCPUs);
        number(options, "pids_limit", host::withPidsLimit);
        flag(options, "init", host::withInit);
        flag(options, "read_only", host::withReadonlyRootfs);
        flag(options, "tty", cmd::withTty);
        flag(options, "stdin_open", cmd::withStdinOpen);
        list(options, "dns", host::withDns);
        list(options, "dns_search", host::withDnsSearch);
        list(options, "dns_opt", host::withDnsOptions);
        list(options, "security_opt", host::withSecurityOpts);
        if (!options.list("cap_drop").isEmpty()) {
            host.withCapDrop(options.list("cap_drop").stream().map(c -> Capability.valueOf(Guardrails.capability(c)))
                    .toArray(Capability[]::new));
        }
        if (!options.map("tmpfs").isEmpty()) {
            host.withTmpFs(new LinkedHashMap<>(options.map("tmpfs")));
        }
        if (!options.map("sysctls").isEmpty()) {
            host.withSysctls(new LinkedHashMap<>(options.map("sysctls")));
        }
        if (!options.map("ulimits").isEmpty()) {
            List<Ulimit> limits = new ArrayList<>();
            options.map("ulimits").forEach((name, both) -> {
                String[] parts = both.split(":");
                limits.add(new Ulimit(name, Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            });
            host.withUlimits(limits);
        }
        if (options.text().containsKey("logging.driver") || !options.map("logging.options").isEmpty()) {
            String driver = options.text("logging.driver");
            LogConfig log = new LogConfig(driver.isEmpty() ? null : LogConfig.LoggingType.fromValue(driver),
                    options.map("logging.options").isEmpty() ? null : new LinkedHashMap<>(options.map("logging.options")));
            host.withLogConfig(log);
        }
        for (String port : options.list("expose")) {
            exposed.addAll(expose(port));
        }
    }

    /** {@code 80}, {@code 8080/udp} or a range {@code 8000-8010/tcp}. */
    private static List<ExposedPort> expose(String text) {
        String[] parts = text.split("/");
        InternetProtocol protocol = InternetProtocol.parse(parts.length > 1 ? parts[1] : "tcp");
        String[] range = parts[0].split("-");
        int first = Integer.parseInt(range[0]);
        int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
        List<ExposedPort> ports = new ArrayList<>();
        for (int port = first; port <= last && port - first < io.mooring.model.PortMapping.MAX_RANGE; port++) {
            ports.add(new ExposedPort(port, protocol));
        }
        return ports;
    }

    private static void text(ContainerOptions options, String key, java.util.function.Consumer<String> to) {
        if (options.text().containsKey(key)) {
            to.accept(options.text(key));
        }
    }

    private static void number(ContainerOptions options, String key, java.util.function.Consumer<Long> to) {
        Map<String, Long> numbers = options.numbers();
        if (numbers.containsKey(key)) {
            to.accept(numbers.get(key));
        }
    }

    private static void flag(ContainerOptions options, String key, java.util.function.Consumer<Boolean> to) {
        if (options.flags().containsKey(key)) {
            to.accept(options.flags().get(key));
        }
    }

    private static void list(ContainerOptions options, String key, java.util.function.Consumer<List<String>> to) {
        if (!options.list(key).isEmpty()) {
            to.accept(options.list(key));
        }
    }
}
