package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Compose option Mooring accepts reaches the container the engine creates, read back from the engine; a change
 * of one is a replace that names it. The image is demo/web (a busybox HTTP server), so the options are ones it runs with.
 */
class ComposeOptionsIT {
    private final String run = "co" + UUID.randomUUID().toString().substring(0, 6);
    private final String tenant = run + "-opts";
    private final TestDocker docker = new TestDocker();
    /** A /24 near the top of the test pool (which the tenants' own networks fill from the bottom) no network of the engine overlaps. */
    private final int octet = freeOctet();
    private RoundRig rig;
    /** The engine as an agent with networks.pool runs it: a network's chosen subnet must lie in the pool. */
    private DockerEngine pooled;
    private Reconciler reconciler;

    /** 10.212.X.0/24 for an X from 200 to 249, starting at a random one so that runs at once seldom meet, that no network holds. */
    private int freeOctet() {
        List<String> taken = docker.subnets();
        int start = (int) (Math.random() * 50);
        for (int i = 0; i < 50; i++) {
            int candidate = 200 + (start + i) % 50;
            if (io.mooring.model.SubnetPool.parse("10.212." + candidate + ".0/24", 24).firstFree(taken).isPresent()) {
                return candidate;
            }
        }
        throw new IllegalStateException("every 10.212.200-249.0/24 is in use: " + taken);
    }

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "options-" + run);
        pooled = new DockerEngine("unix:///var/run/docker.sock", List.of(), DockerEngine.DEFAULT_PULL_TIMEOUT,
                Optional.of(TestDocker.networkPool()));
        reconciler = rig.reconciler(pooled);
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant);
        docker.removeNetwork("mooring-" + tenant + "-N-back");
        docker.removeNetwork("mooring-" + tenant + "-N-lan");
        docker.close();
        pooled.close();
        rig.close();
    }

    private String components(String hostname) {
        return components(hostname, true);
    }

    private String components(String hostname, boolean internal) {
        return """
                services:
                  web:
                    image: %s
                    entrypoint: [/bin/sh, /entrypoint.sh]
                    hostname: %s
                    domainname: corp.example
                    user: "0:0"
                    working_dir: /data
                    stop_signal: SIGTERM
                    stop_grace_period: 7s
                    init: true
                    read_only: true
                    tmpfs: [/www, /data, "/tmp:size=16m,mode=1777"]
                    volumes: [{type: tmpfs, target: /cache, tmpfs: {size: 1m, mode: 1770}}]
                    shm_size: 32m
                    mem_limit: 96m
                    mem_reservation: 32m
                    cpus: 0.5
                    pids_limit: 64
                    dns: [10.0.0.2]
                    dns_search: corp.example
                    dns_opt: [ndots:2]
                    expose: ["9000", "9100-9101/udp"]
                    cap_drop: [NET_RAW]
                    security_opt: [no-new-privileges:true]
                    sysctls: {net.core.somaxconn: "511"}
                    ulimits: {nofile: {soft: 1024, hard: 2048}}
                    logging: {driver: json-file, options: {max-size: 1m, max-file: "2"}}
                    tty: true
                    healthcheck: {test: [CMD, wget, -q, -O, /dev/null, "http://127.0.0.1:8080/"], interval: 1s, start_period: 20s}
                    networks:
                      back:
                        aliases: [www]
                        ipv4_address: 10.212.%d.10
                  worker:
                    image: %s
                    secrets: [{source: token, target: api_token, uid: "1000", gid: "1001", mode: 0400}]
                    configs: [{source: settings, target: /etc/worker.conf}]
                secrets:
                  token: {file: token.txt}
                configs:
                  settings: {content: "level=debug"}
                networks:
                  back:
                    internal: %s
                    labels: {com.example.tier: backend}
                    ipam: {config: [{subnet: 10.212.%d.0/24}]}
                """.formatted(TestDocker.image("1.0"), hostname, octet, TestDocker.image("1.0"), internal, octet);
    }

    private PassRecord pass() {
        return RoundRig.round(reconciler).get(tenant);
    }

    @Test
    void everyOptionReachesTheContainerAndAChangeOfOneIsAReplaceNamingIt() throws Exception {
        rig.write(tenant, components("www1"));
        rig.repo.write("instances/" + tenant + "/token.txt", "s3cr3t");
        rig.repo.commit("options");
        PassRecord first = pass();
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);

        InspectContainerResponse c = docker.inspect(tenant + "-web");
        assertThat(c.getConfig().getEntrypoint()).containsExactly("/bin/sh", "/entrypoint.sh");
        assertThat(c.getConfig().getHostName()).isEqualTo("www1");
        assertThat(c.getConfig().getDomainName()).isEqualTo("corp.example");
        assertThat(c.getConfig().getUser()).isEqualTo("0:0");
        assertThat(c.getConfig().getWorkingDir()).isEqualTo("/data");
        // docker-java's inspection leaves these two out: read them as an operator would.
        assertThat(TestDocker.cli("inspect", "--format", "{{.Config.StopSignal}} {{.Config.StopTimeout}}", tenant + "-web"))
                .isEqualTo("SIGTERM 7");
        assertThat(c.getConfig().getTty()).isTrue();
        assertThat(Arrays.stream(c.getConfig().getExposedPorts()).map(Object::toString))
                .contains("9000/tcp", "9100/udp", "9101/udp");
        assertThat(c.getConfig().getHealthcheck().getInterval()).isEqualTo(1_000_000_000L);
        assertThat(c.getConfig().getHealthcheck().getStartPeriod()).isEqualTo(20_000_000_000L);
        HostConfig host = c.getHostConfig();
        assertThat(host.getInit()).isTrue();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getTmpFs()).containsEntry("/www", "").containsEntry("/tmp", "size=16m,mode=1777")
                .containsEntry("/cache", "size=1m,mode=1770");
        assertThat(host.getShmSize()).isEqualTo(32L << 20);
        assertThat(host.getMemory()).isEqualTo(96L << 20);
        assertThat(host.getMemoryReservation()).isEqualTo(32L << 20);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getPidsLimit()).isEqualTo(64L);
        assertThat(host.getDns()).containsExactly("10.0.0.2");
        assertThat(host.getDnsSearch()).containsExactly("corp.example");
        assertThat(host.getDnsOptions()).containsExactly("ndots:2");
        assertThat(Arrays.stream(host.getCapDrop()).map(Object::toString)).containsExactly("NET_RAW");
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(host.getSysctls()).containsEntry("net.core.somaxconn", "511");
        assertThat(Arrays.stream(host.getUlimits()).map(u -> u.getName() + "=" + u.getSoftLong() + ":" + u.getHardLong()))
                .containsExactly("nofile=1024:2048");
        assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "1m").containsEntry("max-file", "2");
        String back = "mooring-" + tenant + "-N-back";
        var endpoint = c.getNetworkSettings().getNetworks().get(back);
        assertThat(endpoint.getAliases()).contains("web", "www");
        assertThat(endpoint.getIpAddress()).isEqualTo("10.212." + octet + ".10");
        assertThat(docker.network(back).orElseThrow().getInternal()).isTrue();
        assertThat(docker.network(back).orElseThrow().getLabels()).containsEntry("com.example.tier", "backend");
        assertThat(TestDocker.cli("exec", tenant + "-web", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/")).isEqualTo("web 1.0");

        String worker = tenant + "-worker";
        assertThat(TestDocker.cli("exec", worker, "cat", "/run/secrets/api_token")).isEqualTo("s3cr3t");
        assertThat(TestDocker.cli("exec", worker, "stat", "-c", "%a %u %g", "/run/secrets/api_token")).isEqualTo("400 1000 1001");
        assertThat(TestDocker.cli("exec", worker, "cat", "/etc/worker.conf")).isEqualTo("level=debug");
        assertThat(TestDocker.cli("exec", worker, "stat", "-c", "%a %u", "/etc/worker.conf")).isEqualTo("444 0");

        rig.write(tenant, components("www2"));
        rig.repo.commit("hostname");
        PassRecord changed = pass();
        assertThat(changed.status()).as(said(changed)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(changed)).contains("replace").contains("hostname");
        assertThat(docker.inspect(tenant + "-web").getConfig().getHostName()).isEqualTo("www2");
        assertThat(docker.inspect(tenant + "-web").getNetworkSettings().getNetworks().get(back).getIpAddress())
                .as("the fixed address, the old container gone first").isEqualTo("10.212." + octet + ".10");

        rig.write(tenant, components("www2", false));
        rig.repo.commit("back no longer internal");
        PassRecord refused = pass();
        assertThat(refused.status()).as(said(refused)).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("network " + back + " was made internal with subnet 10.212." + octet + ".0/24, and"
                + " components.yml now declares back not internal");
        assertThat(docker.network(back).orElseThrow().getInternal()).isTrue();
        assertThat(docker.inspect(tenant + "-web").getState().getRunning()).as("the running container is kept").isTrue();
    }

    @Test
    void aSubnetOfTheTenantsChoosingOutsideTheAgentsPoolIsRefusedBeforeAnyNetworkIsMade() throws Exception {
        rig.write(tenant, """
                services:
                  web:
                    image: %s
                    networks: [lan]
                networks:
                  lan:
                    ipam: {config: [{subnet: 192.168.0.0/16}]}
                """.formatted(TestDocker.image("1.0")));
        rig.repo.commit("a subnet over the host's LAN");

        PassRecord refused = pass();

        assertThat(refused.status()).as(said(refused)).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("asks for subnet 192.168.0.0/16: a subnet of a tenant's choosing could cover the host's"
                + " own networks, so it must lie inside the agent's networks.pool");
        assertThat(docker.network("mooring-" + tenant + "-N-lan")).isEmpty();
        assertThat(docker.tenantContainers(tenant)).isEmpty();
    }

    @Test
    void aHookJobJoinsTheServicesOtherNetworksAndReadsItsSecrets() throws Exception {
        rig.write(tenant, """
                services:
                  web:
                    image: %s
                    networks: [default, lan]
                    secrets: [token]
                    x-mooring:
                      hooks:
                        before: [{name: migrate, command: [sh, -c, "grep -q s3cr3t /run/secrets/token && test -e /sys/class/net/eth1"]}]
                secrets:
                  token: {file: token.txt}
                networks:
                  lan: {}
                """.formatted(TestDocker.image("1.0")));
        rig.repo.write("instances/" + tenant + "/token.txt", "s3cr3t");
        rig.repo.commit("a migration that needs the secret and the second network");

        PassRecord first = pass();

        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);
        assertThat(docker.inspect(tenant + "-web").getState().getRunning()).isTrue();
    }
}
