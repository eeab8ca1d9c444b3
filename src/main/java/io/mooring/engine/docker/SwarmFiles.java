package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Config;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import io.mooring.engine.EngineException;
import io.mooring.model.Labels;
import io.mooring.model.SwarmFile;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's Swarm secrets and configs: made once under their content-named names, labelled as the tenant's, found by
 * name for a service's spec, and removed once neither kept nor used by any service. Their content is never logged.
 */
final class SwarmFiles {
    private final DockerClient docker;
    private final DockerCalls calls;

    SwarmFiles(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    /** Makes each of the files the swarm does not hold yet; a name held by something not the tenant's is refused. */
    void ensure(String tenant, Collection<SwarmFile> files) {
        Map<String, String> secrets = secrets(null);
        Map<String, String> configs = configs(null);
        Set<String> owned = new HashSet<>();
        secrets(tenant).keySet().forEach(name -> owned.add("secret " + name));
        configs(tenant).keySet().forEach(name -> owned.add("config " + name));
        for (SwarmFile file : files) {
            Map<String, String> existing = file.secret() ? secrets : configs;
            if (existing.containsKey(file.name())) {
                if (!owned.contains(kind(file) + " " + file.name())) {
                    throw new EngineException(kind(file) + " " + file.name() + " exists in the swarm but is not tenant " + tenant
                            + "'s (no label " + Labels.TENANT + "=" + tenant + "); Mooring neither uses nor removes it: see what"
                            + " uses it (docker " + kind(file) + " inspect " + file.name() + "), remove it, and the next pass makes"
                            + " the tenant's own");
                }
                continue;
            }
            Map<String, String> labels = Map.of(Labels.TENANT, tenant);
            String id;
            try {
                id = create(file, labels);
            } catch (EngineException e) {
                // Made meanwhile by another agent of the tenant: its name is its content's hash, so it is the same file.
                String made = (file.secret() ? secrets(tenant) : configs(tenant)).get(file.name());
                if (made == null) {
                    throw e;
                }
                id = made;
            }
            existing.put(file.name(), id);
        }
    }

    private String create(SwarmFile file, Map<String, String> labels) {
        return file.secret()
                ? calls.call("create secret " + file.name(), () -> docker.createSecretCmd(new SecretSpec().withName(file.name())
                        .withData(Base64.getEncoder().encodeToString(file.content())).withLabels(labels)).exec()).getId()
                : calls.call("create config " + file.name(), () -> docker.createConfigCmd().withName(file.name())
                        .withData(file.content()).withLabels(labels).exec()).getId();
    }

    /** The ids of the swarm's secrets and configs by name, listed now, for a service's spec. */
    java.util.function.Function<SwarmFile, String> ids() {
        Map<String, String> secrets = secrets(null);
        Map<String, String> configs = configs(null);
        return file -> {
            String id = (file.secret() ? secrets : configs).get(file.name());
            if (id == null) {
                throw new EngineException(kind(file) + " " + file.name() + " is not in the swarm; its service cannot be made before"
                        + " it is (the pass makes a service's secrets and configs first: see the pass's earlier errors)");
            }
            return id;
        };
    }

    /** Removes the tenant's secrets and configs neither in {@code keep} nor named by any service of the swarm. */
    void prune(String tenant, Set<String> keep, List<Service> services) {
        Set<String> used = new HashSet<>();
        for (Service service : services) {
            ContainerSpec container = service.getSpec() == null || service.getSpec().getTaskTemplate() == null ? null
                    : service.getSpec().getTaskTemplate().getContainerSpec();
            if (container != null) {
                (container.getSecrets() == null ? List.<ContainerSpecSecret>of() : container.getSecrets())
                        .forEach(s -> used.add("secret " + s.getSecretName()));
                (container.getConfigs() == null ? List.<ContainerSpecConfig>of() : container.getConfigs())
                        .forEach(c -> used.add("config " + c.getConfigName()));
            }
        }
        secrets(tenant).forEach((name, id) -> {
            if (!keep.contains(name) && !used.contains("secret " + name)) {
                gone(() -> calls.call("remove secret " + name, () -> docker.removeSecretCmd(id).exec()));
            }
        });
        configs(tenant).forEach((name, id) -> {
            if (!keep.contains(name) && !used.contains("config " + name)) {
                gone(() -> calls.call("remove config " + name, () -> docker.removeConfigCmd(id).exec()));
            }
        });
    }

    /** The swarm's secrets by name → id: the tenant's, or all ({@code tenant} null). */
    private Map<String, String> secrets(String tenant) {
        var list = docker.listSecretsCmd();
        if (tenant != null) {
            list.withLabelFilter(Map.of(Labels.TENANT, tenant));
        }
        Map<String, String> found = new HashMap<>();
        for (Secret secret : calls.call("list secrets", list::exec)) {
            found.put(secret.getSpec().getName(), secret.getId());
        }
        return found;
    }

    /** The swarm's configs by name → id: the tenant's, or all ({@code tenant} null). */
    private Map<String, String> configs(String tenant) {
        var list = docker.listConfigsCmd();
        if (tenant != null) {
            list.withFilters(Map.of("label", List.of(Labels.TENANT + "=" + tenant)));
        }
        Map<String, String> found = new HashMap<>();
        for (Config config : calls.call("list configs", list::exec)) {
            found.put(config.getSpec().getName(), config.getId());
        }
        return found;
    }

    private static String kind(SwarmFile file) {
        return file.secret() ? "secret" : "config";
    }

    /** A removal; something already gone is fine. */
    static void gone(Runnable removal) {
        try {
            removal.run();
        } catch (DockerCalls.NotFound e) {
            // already gone
        }
    }
}
