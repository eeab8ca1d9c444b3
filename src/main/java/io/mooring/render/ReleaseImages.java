package io.mooring.render;

import java.util.List;
import java.util.Map;

/**
 * The images of the OMniLeads components, in one place: which inventory variables name each one in each
 * generation of the deploy tool, and the image the tool's release pins when the inventory names none (its
 * {@code group_vars/all}). OMNILEADS.md 3.3 and 5.2; the release is {@link #RELEASE}. A definition set reads
 * the chosen image as {@code ${mooring_<component>_image}}.
 */
public final class ReleaseImages {
    /** The deploy tool release whose pins are the defaults. */
    public static final String RELEASE = "2.2.2";
    /** The namespace tag variables use when {@code omlapp_repo} does not name another one. */
    static final String NAMESPACE = "omnileads";

    /**
     * One component's image. {@code v3} is the 3.x variable (APP_IMG, ...), {@code full} the 1.33/2.x ones holding
     * a full reference; {@code tags} are the 1.x tag variables, read with {@code omlapp_repo} as namespace under
     * {@code repository}; {@code ownImage}/{@code ownTag} are Mooring's older spelling (repository and tag apart).
     * {@code pinned} is null where the release pins nothing (3.x-only components): the inventory must name it.
     */
    record Image(String component, String v3, List<String> full, List<String> tags, String repository,
                 String ownImage, String ownTag, String pinned) {
        /**
         * The image when the inventory names none, and what Mooring's own {@code ownImage}/{@code ownTag} complete:
         * the release's pin, except for the stateful components, which keep Mooring's earlier defaults.
         */
        String unnamed() {
            return BEFORE_PINS.getOrDefault(component, pinned);
        }
    }

    /**
     * The images the built-in set ran before it took the release's pins, kept for the components whose data a
     * changed image could make unreadable (MinIO does not downgrade; an older Redis may not load a newer one's
     * files): a tenant that names none of their variables keeps running them. An inventory that names one of the
     * deploy tool's variables for the component gets the tool's image.
     */
    static final Map<String, String> BEFORE_PINS = Map.of(
            "postgresql", "docker.io/library/postgres:14",
            "redis", "docker.io/library/redis:7",
            "minio", "docker.io/minio/minio:latest");

    private static Image omnileads(String component, String v3, String full, String tag, String repository, String pinned) {
        return new Image(component, v3, full == null ? List.of() : List.of(full), tag == null ? List.of() : List.of(tag),
                repository, null, null, "docker.io/omnileads/" + repository + ":" + pinned);
    }

    private static Image other(String component, String v3, String full, String pinned) {
        return new Image(component, v3, full == null ? List.of() : List.of(full), List.of(), null, null, null, pinned);
    }

    private static Image app(String component) {
        return new Image(component, "APP_IMG", List.of("omnileads_img"), List.of("omnileads_version", "django_version"), "omlapp",
                null, null, "docker.io/omnileads/omlapp:241121.01");
    }

    static final List<Image> IMAGES = List.of(
            app("django"), app("daphne"), app("cron"), app("wallboard"),
            omnileads("websockets", "WS_IMG", "websockets_img", "websockets_version", "websockets", "240705.01"),
            omnileads("nginx", "NGINX_IMG", "nginx_img", "nginx_version", "nginx", "241009.01"),
            omnileads("kamailio", "KAMAILIO_IMG", "kamailio_img", "kamailio_version", "kamailio", "240625.01"),
            omnileads("asterisk", "ACD_IMG", "asterisk_img", "asterisk_version", "asterisk", "240920.01"),
            omnileads("asterisk_retrieve_conf", null, "asterisk_retrieve_conf_img", null, "acd_retrieve_conf", "240729.01"),
            omnileads("fastagi", "FASTAGI_IMG", "fastagi_img", "fastagi_version", "fastagi", "241017.01"),
            omnileads("ami", null, "astami_img", null, "astami", "241017.01"),
            omnileads("rtpengine", "RTPENGINE_IMG", "rtpengine_img", "rtpengine_version", "rtpengine", "240625.01"),
            new Image("postgresql", "POSTGRES_IMG", List.of("postgres_img"), List.of("postgres_version"), "postgres",
                    "postgresql_image", "postgresql_version", "docker.io/postgres:14.9-bullseye"),
            omnileads("postgres_ha", null, "postgres_ha_img", null, "postgres", "240902.02"),
            new Image("redis", "REDIS_IMG", List.of("redis_img"), List.of("redis_version"), "redis",
                    "redis_image", null, "docker.io/omnileads/redis:231125.01"),
            new Image("minio", "MINIO_IMG", List.of("minio_img"), List.of(), null,
                    "minio_image", "minio_version", "quay.io/minio/minio:RELEASE.2023-09-27T15-22-50Z"),
            other("rabbitmq", null, "rabbitmq_img", "docker.io/rabbitmq:3.12"),
            omnileads("interaction_processor", null, "interaction_processor_img", null, "interaction_processor", "240506.01"),
            omnileads("sentiment_analysis", null, "sentiment_analysis_img", null, "sentiment_analysis", "240427.01"),
            omnileads("certbot", null, "certbot_img", null, "certbot", "240201.01"),
            other("prometheus", null, null, "docker.io/prom/prometheus:v2.49.1"),
            other("node_exporter", null, null, "prom/node-exporter:v1.7.0"),
            other("podman_exporter", null, null, "quay.io/navidys/prometheus-podman-exporter:latest"),
            other("postgres_exporter", null, null, "docker.io/prometheuscommunity/postgres-exporter"),
            other("redis_exporter", null, null, "docker.io/oliver006/redis_exporter:latest"),
            other("promtail", "PROMTAIL_IMG", null, "docker.io/grafana/promtail:latest"),
            other("haproxy", "HAPROXY_IMG", "haproxy_img", null),
            other("gearman", "GEARMAN_IMG", null, null),
            other("minio_mc", "MINIO_MC_IMG", null, null),
            other("dialer_api", "DIALER_API_IMG", null, null),
            // The dialer of Mooring's seed layouts is the 3.x dialer worker: DIALER_WORKER_IMG, else the seeds' own spelling.
            new Image("dialer", "DIALER_WORKER_IMG", List.of(), List.of("dialer_version"), "dialer", null, null,
                    "docker.io/omnileads/dialer:latest"),
            other("callrec_compressor", "CALLREC_COMPRESSOR_IMG", null, null),
            other("callrec_transcriber", "CALLREC_TRANSCRIBER_IMG", null, null),
            other("backup_restore", "BACKUP_RESTORE_IMG", null, null));

    private ReleaseImages() {
    }
}
