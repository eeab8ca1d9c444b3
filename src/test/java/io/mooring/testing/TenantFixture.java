package io.mooring.testing;

import java.nio.file.Path;
import java.util.UUID;

/**
 * One test tenant on the real engine: a unique name, its config repository, a free host port for
 * its web component, and cleanup of everything it created (containers and its named volume).
 */
public final class TenantFixture implements AutoCloseable {
    public final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
    public final TestDocker docker = new TestDocker();
    public final TestRepo repo;
    public final Path home;
    public final int port;

    public TenantFixture(Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        home = tmp.resolve("home");
        port = Http.freePort();
    }

    /** The demo web service: ${web_version} from the inventory, published on this fixture's port, data in a named volume. */
    public String webComponents() {
        return """
                services:
                  web:
                    image: %s/demo/web:${web_version}
                    ports: ["127.0.0.1:%d:8080"]
                    volumes: [data:/data]
                """.formatted(TestDocker.REGISTRY, port);
    }

    public String page(String path) {
        return Http.get("http://127.0.0.1:" + port + path);
    }

    /** {@code mooring apply} of this tenant on node {@code node-a}, through the jar. */
    public MooringCli.Result apply(String... extra) throws Exception {
        return run(java.util.Map.of(), "apply", extra);
    }

    /** {@code mooring <verb>} (apply or plan) of this tenant on node {@code node-a}, with extra environment variables. */
    public MooringCli.Result run(java.util.Map<String, String> env, String verb, String... extra) throws Exception {
        String[] base = {verb, "--repo", repo.dir().toString(), "--tenant", tenant, "--node", "node-a", "--home", home.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return MooringCli.run(env, args);
    }

    /** The tenant's containers, hook jobs included, as "name image-label state". */
    public java.util.List<String> containers() {
        return docker.tenantContainers(tenant).stream().map(c -> c.getNames()[0].substring(1) + " "
                + c.getLabels().get(io.mooring.model.Labels.IMAGE) + " " + c.getState()).sorted().toList();
    }

    /** Removes another tenant's leftovers too, for tests that create more than one. */
    public void removeTenant(String name) {
        docker.removeTenant(name, name + "_data");
    }

    @Override
    public void close() throws Exception {
        removeTenant(tenant);
        repo.close();
        docker.close();
    }
}
