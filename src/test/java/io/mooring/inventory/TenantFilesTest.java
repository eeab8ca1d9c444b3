package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.ConfigTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantFilesTest {
    /** Files of 1 MiB each; every read is noted. */
    static final class BigFiles implements ConfigTree {
        final List<String> reads = new ArrayList<>();

        @Override
        public Optional<byte[]> read(String path) {
            reads.add(path);
            return Optional.of(new byte[ConfigTree.MAX_FILE_BYTES]);
        }

        @Override
        public List<String> folders(String dir) {
            return List.of();
        }

        @Override
        public boolean isFolder(String path) {
            return false;
        }

        @Override
        public List<String> links(String dir) {
            return List.of();
        }
    }

    @Test
    void pastTheTotalNoFileIsReadAgain() throws TenantFiles.Refused {
        BigFiles tree = new BigFiles();
        TenantFiles files = new TenantFiles(tree, "instances/acme/", false);
        for (int i = 0; i < 8; i++) {
            assertThat(files.read("instances/acme/f" + i)).isPresent();
        }
        for (int again = 0; again < 3; again++) {
            assertThatThrownBy(() -> files.read("instances/acme/f8")).hasMessageContaining("more than 8 MiB together");
            assertThatThrownBy(() -> files.read("instances/acme/f9")).hasMessageContaining("more than 8 MiB together");
        }
        assertThat(tree.reads).containsExactly("instances/acme/f0", "instances/acme/f1", "instances/acme/f2", "instances/acme/f3",
                "instances/acme/f4", "instances/acme/f5", "instances/acme/f6", "instances/acme/f7", "instances/acme/f8");
    }
}
