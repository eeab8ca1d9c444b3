package io.mooring.inventory;

import io.mooring.model.ComposeResources;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import io.mooring.model.VolumeMount;
import java.util.Map;
import java.util.TreeSet;

/** Every network, secret, config and (when the file declares volumes) named volume a service uses is declared at the top level. */
final class ReferenceCheck {
    private ReferenceCheck() {
    }

    static void check(java.util.List<ServiceDefinition> services, ComposeResources resources, java.util.Set<String> refused,
                      boolean volumesDeclared, Problems problems) {
        for (ServiceDefinition service : services) {
            String where = "services." + service.name();
            ServiceOptions options = service.options();
            for (ServiceOptions.NetworkRef network : options.networks()) {
                if (!network.name().equals(ComposeResources.DEFAULT_NETWORK) && !resources.networks().containsKey(network.name())
                        && !refused.contains(network.name())) {
                    problems.add(network.location(), where + ".networks: no network " + network.name() + " is declared; the networks are "
                            + names(resources.networks()) + " and default, the tenant's own");
                }
            }
            if (!options.networks().isEmpty() && !service.access().networkMode().isEmpty()
                    && !service.access().networkMode().equals("bridge")) {
                problems.add(service.at("networks"), where + ": networks and network_mode: " + service.access().networkMode()
                        + " exclude each other");
            }
            for (ServiceOptions.FileRef file : options.files()) {
                Map<String, ComposeResources.FileSource> declared = file.secret() ? resources.secrets() : resources.configs();
                if (!declared.containsKey(file.source()) && !refused.contains(file.source())) {
                    String kind = file.secret() ? "secret" : "config";
                    problems.add(file.location(), where + "." + kind + "s: no " + kind + " " + file.source() + " is declared at the top level;"
                            + " the " + kind + "s are " + names(declared));
                }
            }
            if (volumesDeclared) {
                service.volumes().stream().filter(Template::isLiteral).forEach(t -> named(t).filter(n -> !resources.volumes().containsKey(n))
                        .ifPresent(n -> problems.add(t.location(), where + ".volumes: no volume " + n + " is declared in the top-level"
                                + " volumes; they are " + names(resources.volumes()))));
            }
        }
    }

    private static java.util.Optional<String> named(Template template) {
        try {
            VolumeMount mount = VolumeMount.parse(template.expand(Map.of()));
            return mount.kind() == VolumeMount.Kind.NAMED ? java.util.Optional.of(mount.source()) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String names(Map<String, ?> declared) {
        return new TreeSet<>(declared.keySet()).toString();
    }
}
