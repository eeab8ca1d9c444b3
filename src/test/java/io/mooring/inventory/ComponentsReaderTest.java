package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentsReaderTest {
    private static List<ServiceDefinition> read(String yaml) {
        return ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheSupportedSubset() {
        List<ServiceDefinition> services = read("""
                services:
                  web:
                    image: 127.0.0.1:5000/demo/web:${web_version}
                    command: sh -c "echo 'hi there'"
                    environment: [A=1, B=two=2]
                    ports: ["127.0.0.1:${web_port}:8080"]
                    volumes: [data:/data, /cache]
                    restart: always
                    x-mooring:
                      roles: [web, app]
                  db:
                    image: postgres:16
                    environment: {POSTGRES_DB: omnileads, PORT: 5432}
                """);
        assertThat(services).extracting(ServiceDefinition::name).containsExactly("web", "db");
        ServiceDefinition web = services.get(0);
        assertThat(web.command()).extracting(Object::toString).containsExactly("sh", "-c", "echo 'hi there'");
        assertThat(web.environment().get("B").text()).isEqualTo("two=2");
        assertThat(web.roles()).containsExactlyInAnyOrder("web", "app");
        assertThat(web.image().location().line()).isEqualTo(3);
        assertThat(services.get(1).restart()).isEqualTo("unless-stopped");
        assertThat(services.get(1).environment().get("PORT").text()).isEqualTo("5432");
    }

    @Test
    void refusesUnknownKeysAtTheirPlace() {
        assertThatThrownBy(() -> read("""
                services:
                  web:
                    image: nginx
                    cpuz: 2
                    x-mooring: {rolez: [a]}
                """)).hasMessageContaining("components.yml:4:5: unknown key 'cpuz' in services.web")
                .hasMessageContaining("components.yml:5:17: unknown key 'rolez' in services.web.x-mooring");
    }

    @Test
    void refusesMissingImagesBadNamesAndBadRestartPolicies() {
        assertThatThrownBy(() -> read("services:\n  web: {ports: [80]}\n  Bad_Name: {image: x}\n  db: {image: x, restart: sometimes}\n"))
                .hasMessageContaining("components.yml:2:8: services.web needs an image")
                .hasMessageContaining("service name 'Bad_Name'")
                .hasMessageContaining("components.yml:4:27: services.db.restart must be one of");
    }

    @Test
    void refusesAFileWithoutServices() {
        assertThatThrownBy(() -> read("services: {}\n")).hasMessageContaining("components.yml:1:1: components.yml defines no services");
    }

    @Test
    void refusesAnEnvironmentVariableSetTwice() {
        assertThatThrownBy(() -> read("services:\n  web:\n    image: x\n    environment: [A=1, A=2]\n"))
                .hasMessageContaining("environment variable A is set twice");
    }

    @Test
    void readsTheTenantsBackupSettings() {
        String recipient = "age1" + "q".repeat(58);
        var backup = ComponentsReader.readAll("components.yml", ("""
                x-mooring:
                  backup:
                    folders: [/etc/asterisk/custom]
                    age_recipients: [%s]
                    retention: {last: 3, weekly: 2}
                    schedule: "30 2 * * * Europe/Madrid"
                    before_upgrade: true
                services:
                  web: {image: demo/web:1}
                """.formatted(recipient)).getBytes(StandardCharsets.UTF_8)).backup();
        assertThat(backup.database()).isTrue();
        assertThat(backup.folders()).containsExactly("/etc/asterisk/custom");
        assertThat(backup.ageRecipients()).containsExactly(recipient);
        assertThat(backup.retention()).isEqualTo(new io.mooring.model.BackupSettings.Retention(3, 7, 2));
        assertThat(backup.schedule()).isEqualTo("30 2 * * * Europe/Madrid");
        assertThat(backup.beforeUpgrade()).isTrue();
    }

    @Test
    void refusesBadBackupSettingsAtTheirLines() {
        assertThatThrownBy(() -> read("""
                x-mooring:
                  backup:
                    folders: [relative/path, /ok/../etc]
                    age_recipients: [not-a-recipient]
                    retention: {last: 0}
                    schedule: "every day"
                    encrypt: yes
                services:
                  web: {image: demo/web:1}
                """)).hasMessageContaining("components.yml:3:15: x-mooring.backup.folders: 'relative/path' must be an absolute path")
                .hasMessageContaining("'/ok/../etc' must be an absolute path without ..")
                .hasMessageContaining("components.yml:4:22: x-mooring.backup.age_recipients: 'not-a-recipient' is not an age X25519 recipient")
                .hasMessageContaining("x-mooring.backup.retention.last must be at least 1")
                .hasMessageContaining("x-mooring.backup.schedule: 'every day' is not a cron expression")
                .hasMessageContaining("encrypt");
    }
}
