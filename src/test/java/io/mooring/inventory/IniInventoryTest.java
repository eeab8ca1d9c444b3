package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.AnsibleTree.Group;
import io.mooring.model.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INI inventories read as Ansible's INI plugin reads them. */
class IniInventoryTest {
    private static final String SEED = """
            # installer inventory
            [omnileads-app]
            198.51.100.10 ansible_ssh_port=22 ansible_user=root  # the app host

            ; the tenant's variables
            [everyone:vars]
            django_version=latest
            google_maps_center='{ "lat": 0.0, "lng": 0.0 }'
            postgres_port=5432
            postgres_ssl=False
            postgres_utc=false
            ratio=0.5
            nothing=None

            [everyone:children]
            omnileads-app
            """;

    @Test
    void sectionsHostsVarsAndChildrenBecomeTheTree() {
        Group all = IniInventory.read("inv.ini", SEED).children.get("all");
        assertThat(all.children).containsOnlyKeys("everyone");
        Group everyone = all.children.get("everyone");
        assertThat(everyone.children).containsOnlyKeys("omnileads-app");
        Group app = everyone.children.get("omnileads-app");
        assertThat(app.hosts).containsOnlyKeys("198.51.100.10");
        assertThat(app.hosts.get("198.51.100.10").get("ansible_ssh_port").value()).isEqualTo(22L);
        assertThat(app.hosts.get("198.51.100.10").get("ansible_user").value()).isEqualTo("root");
        assertThat(everyone.vars.get("django_version").line()).isEqualTo(7);
    }

    @Test
    void valuesAreReadAsPythonLiterals() {
        Group everyone = IniInventory.read("inv.ini", SEED).children.get("all").children.get("everyone");
        assertThat(everyone.vars.get("google_maps_center").value()).isEqualTo("{ \"lat\": 0.0, \"lng\": 0.0 }");
        assertThat(everyone.vars.get("postgres_port").value()).isEqualTo(5432L);
        assertThat(everyone.vars.get("postgres_ssl").value()).isEqualTo(false);
        assertThat(everyone.vars.get("postgres_utc").value()).isEqualTo("false");
        assertThat(everyone.vars.get("ratio").value()).isEqualTo(0.5);
        assertThat(everyone.vars.get("nothing").value()).isNull();
        assertThat(everyone.vars.get("django_version").value()).isEqualTo("latest");
    }

    @Test
    void hostLinesSplitLikeShlex() {
        assertThat(IniInventory.words("f", 1, "h a='x y' b=\"q\\\"r\" # note")).isEqualTo(List.of("h", "a=x y", "b=q\"r"));
        assertThat(IniInventory.read("f", "[g]\nh:2222 x=1\n").children.get("all").children.get("g").hosts.get("h")
                .get("ansible_port").value()).isEqualTo(2222L);
    }

    @Test
    void iniIsToldFromYamlByContent() {
        assertThat(IniInventory.looksLikeIni(SEED)).isTrue();
        assertThat(IniInventory.looksLikeIni("# c\nall:\n  hosts: {}\n")).isFalse();
        assertThat(IniInventory.looksLikeIni("---\nall: {}\n")).isFalse();
    }

    @Test
    void aBrokenLineIsRefusedAtItsLine() {
        assertThatThrownBy(() -> IniInventory.read("inv.ini", "[g:vars]\nok=1\nnot a pair\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("inv.ini:3:");
        assertThatThrownBy(() -> IniInventory.read("inv.ini", "[g]\nh a='open\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("inv.ini:2:");
        assertThatThrownBy(() -> IniInventory.read("inv.ini", "[g\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("inv.ini:1:");
    }
}
