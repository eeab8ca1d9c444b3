package io.mooring.reconcile;

import io.mooring.model.ConfigTree;
import io.mooring.source.Checkout;
import io.mooring.source.CommitSignature;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real repository, with what a test needs to see or break: {@code beforeFetch} runs before each checkout is made
 * (a fetch that hangs), and {@code onRead} is told of each file before it is read from a checkout's tree (it counts the
 * reads, or throws what a defect deep in a parser would). Closing it leaves the real one to its test.
 */
record HookedSource(GitSource real, Runnable beforeFetch, Consumer<String> onRead) implements GitSource {
    @Override
    public Checkout checkout(String ref) {
        beforeFetch.run();
        Checkout checkout = real.checkout(ref);
        return new Checkout(checkout.revision(), new Tree(checkout.tree(), onRead));
    }

    @Override
    public CommitSignature signature(String commit, SignaturePolicy policy) {
        return real.signature(commit, policy);
    }

    @Override
    public void close() {
    }

    private record Tree(ConfigTree tree, Consumer<String> onRead) implements ConfigTree {
        @Override
        public Optional<byte[]> read(String path) {
            onRead.accept(path);
            return tree.read(path);
        }

        @Override
        public List<String> folders(String dir) {
            return tree.folders(dir);
        }

        @Override
        public boolean isFolder(String path) {
            return tree.isFolder(path);
        }

        @Override
        public List<String> links(String dir) {
            return tree.links(dir);
        }

        @Override
        public Optional<String> fingerprint(List<String> paths) {
            return tree.fingerprint(paths);
        }
    }
}
