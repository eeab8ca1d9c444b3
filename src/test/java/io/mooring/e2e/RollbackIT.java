package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A new container that exits or never turns healthy is removed and the old one serves again. */
class RollbackIT {
    private TenantFixture it;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    /** A single-tenant repository: inventory and components at the root. */
    private MooringCli.Result applyVersion(String version) throws Exception {
        it.repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("components.yml", it.webComponents());
        it.repo.commit("web " + version);
        return it.apply("--health-timeout", "20");
    }

    @ParameterizedTest
    @CsvSource({"crash, exited with code 3", "unhealthy, unhealthy"})
    void aBrokenTagIsRolledBack(String tag, String why) throws Exception {
        assertThat(applyVersion("1.0").exitCode()).isZero();
        String before = it.docker.tenantContainers(it.tenant).get(0).getId();

        MooringCli.Result broken = applyVersion(tag);
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.stderr()).contains("apply failed").contains(why).contains("rolled back to " + it.tenant + "-web");
        assertThat(it.docker.tenantContainers(it.tenant)).extracting(c -> c.getId()).containsExactly(before);
        assertThat(it.docker.inspect(before).getState().getRunning()).isTrue();
        assertThat(it.page("/")).isEqualTo("web 1.0");
    }
}
