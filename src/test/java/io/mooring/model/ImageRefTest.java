package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "nginx                                   | -                | nginx                | latest | -",
        "omnileads/asterisk:ff63617b             | -                | omnileads/asterisk   | ff63617b | -",
        "127.0.0.1:5000/demo/web:1.0             | 127.0.0.1:5000   | demo/web             | 1.0    | -",
        "localhost/x:2                           | localhost        | x                    | 2      | -",
        "registry.example.com/a/b/c              | registry.example.com | a/b/c            | latest | -",
        "demo/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | - | demo/web | - | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void parsesReferencesAsTheEngineDoes(String text, String registry, String repository, String tag, String digest) {
        ImageRef ref = ImageRef.parse(text);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Demo/Web:1", "demo/web:-1", "demo/web:.x", "demo/web:a;rm -rf /", "demo/web:$(id)",
        "demo//web", "demo/web@sha256:ABC", "demo/web@md5:0123", "demo/web:1 2", "../etc/passwd"})
    void rejectsMalformedReferences(String text) {
        assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void rejectsOverlongTagsAndReferences() {
        assertThatThrownBy(() -> ImageRef.parse("demo/web:" + "a".repeat(129))).hasMessageContaining("tag");
        assertThatThrownBy(() -> ImageRef.parse("a".repeat(256))).hasMessageContaining("255");
    }

    @org.junit.jupiter.api.Test
    void writesAnAbsentTagAsLatest() {
        assertThat(ImageRef.parse("demo/web").reference()).isEqualTo("demo/web:latest");
    }

    /** As the engine reports pulled images' digests: Docker Hub's names short, every other registry's as written. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "docker.io/omnileads/omlapp:241121.01      | omnileads/omlapp",
        "docker.io/rabbitmq:3.12                   | rabbitmq",
        "docker.io/library/postgres:14             | postgres",
        "index.docker.io/library/redis:7           | redis",
        "library/redis:7                           | redis",
        "redis:7                                   | redis",
        "docker.io/library/org/x:1                 | library/org/x",
        "docker.io/myorg/library:1                 | myorg/library",
        "127.0.0.1:5000/library/postgres:14        | 127.0.0.1:5000/library/postgres",
        "quay.io/minio/minio:latest                | quay.io/minio/minio",
    })
    void namesImagesAsTheEngineReportsThem(String text, String engineName) {
        assertThat(ImageRef.parse(text).engineName()).isEqualTo(engineName);
    }
}
