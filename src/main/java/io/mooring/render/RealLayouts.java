package io.mooring.render;

import io.mooring.model.Host;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The deploy tool's own ways of saying what a host runs, mapped onto roles: its role groups (2.x) and pod
 * groups (3.x), its marker vars and its role-named hosts (OMNILEADS.md 2.1, 2.3, 2.5). Each group gives its own
 * name, the roles of the layouts Mooring already reads (app, voice, data) where they mean the same, and the
 * names of the components the tool starts there, so that a definition set giving each component its own name
 * as a role places it as the tool does.
 */
final class RealLayouts {
    private static final List<String> DATA = List.of("omnileads_data", "data", "postgresql", "redis", "minio", "rabbitmq");
    private static final List<String> VOICE = List.of("omnileads_voice", "voice", "asterisk", "asterisk_retrieve_conf", "rtpengine",
            "interaction_processor");
    private static final List<String> APP = List.of("omnileads_app", "nginx", "django", "daphne", "cron", "websockets", "kamailio",
            "fastagi", "ami", "prometheus", "wallboard", "sentiment_analysis");
    /** Group name → the roles its hosts get. */
    static final Map<String, List<String>> GROUPS = Map.ofEntries(
            Map.entry("omnileads_aio", join(List.of("omnileads_aio", "aio", "app"), DATA, VOICE, APP)),
            Map.entry("omnileads_data", DATA),
            Map.entry("omnileads_voice", VOICE),
            Map.entry("omnileads_app", APP),
            // No play of 2.2.2 targets omnileads_dialer (production dialers are external): its hosts run nothing more.
            Map.entry("omnileads_dialer", List.of("omnileads_dialer")),
            Map.entry("data_statefull", List.of("data_statefull", "postgresql", "minio")),
            Map.entry("data_stateless", List.of("data_stateless", "redis", "gearman", "rabbitmq")),
            Map.entry("edge", List.of("edge", "kamailio", "rtpengine", "haproxy")),
            Map.entry("omlapp_web", List.of("omlapp_web", "django", "daphne", "websockets", "nginx", "dialer_api")),
            Map.entry("omlapp_workers", List.of("omlapp_workers", "cron")),
            Map.entry("dialer_workers", List.of("dialer_workers", "dialer")),
            Map.entry("acd", List.of("acd", "asterisk", "fastagi")),
            Map.entry("callrec_processor", List.of("callrec_processor", "callrec_compressor", "callrec_transcriber")));
    /** Marker var → the group it stands for, or the role it gives (observability and HAProxy hosts run none of the stack). */
    static final Map<String, String> MARKERS = Map.of("omlaio", "omnileads_aio", "omlapp", "omnileads_app", "omlvoice", "omnileads_voice",
            "omldata", "omnileads_data", "omlobs", "observability", "omlhaproxy", "haproxy");
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");

    private RealLayouts() {
    }

    /** The roles of the real role and pod groups the host is in, or an empty set when it is in none. */
    static Set<String> fromGroups(Host host) {
        Set<String> roles = new LinkedHashSet<>();
        host.groups().forEach(g -> roles.addAll(GROUPS.getOrDefault(g, List.of())));
        return roles;
    }

    /** The roles the host's marker vars ({@code omlapp: true}, ...) give, read with {@code value} (Jinja filled in), or an empty set. */
    static Set<String> fromMarkers(Host host, java.util.function.Function<String, String> value) {
        Set<String> roles = new LinkedHashSet<>();
        MARKERS.forEach((marker, group) -> {
            String set = host.vars().containsKey(marker) ? value.apply(marker) : null;
            if (set != null && YAML_TRUE.contains(set.toLowerCase(Locale.ROOT))) {
                roles.addAll(GROUPS.getOrDefault(group, List.of(group)));
            }
        });
        return roles;
    }

    /** The roles of a host named after a role group, as the 2023 per-tenant files name them, or an empty set. */
    static Set<String> fromName(Host host) {
        return new LinkedHashSet<>(GROUPS.getOrDefault(host.name(), List.of()).stream()
                .filter(r -> host.name().startsWith("omnileads_")).toList());
    }

    @SafeVarargs
    private static List<String> join(List<String>... lists) {
        return java.util.stream.Stream.of(lists).flatMap(List::stream).distinct().toList();
    }
}
