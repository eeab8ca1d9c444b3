package io.mooring.source.jgit;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read straight from the object database: no working tree is checked out. Each folder is
 * listed once, when first asked about: a round, a review or a validation asks the same folders for every tenant.
 */
final class JGitTree implements ConfigTree {
    private final Repository repository;
    private final RevTree tree;
    /** Each folder listed so far (the root is ""): its entries by name; a folder that is not one lists nothing. */
    private final Map<String, Map<String, Entry>> listings = new ConcurrentHashMap<>();

    private record Entry(FileMode mode, ObjectId id) {
    }

    JGitTree(Repository repository, RevTree tree) {
        this.repository = repository;
        this.tree = tree;
    }

    @Override
    public Optional<byte[]> read(String path) {
        try {
            Optional<Entry> entry = entry(path);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            FileMode mode = entry.get().mode();
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                if (mode == FileMode.SYMLINK) {
                    throw new InvalidConfigException(Location.of(path), "is a symbolic link; config files must be regular files in the repository");
                }
                return Optional.empty();
            }
            ObjectLoader loader = repository.open(entry.get().id());
            if (loader.getSize() > MAX_FILE_BYTES) {
                throw new InvalidConfigException(Location.of(path), "file is " + loader.getSize() + " bytes; the limit is " + MAX_FILE_BYTES);
            }
            return Optional.of(loader.getCachedBytes(MAX_FILE_BYTES));
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " from the repository: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> folders(String dir) {
        return entries(dir, FileMode.TREE);
    }

    @Override
    public boolean isFolder(String path) {
        try {
            return entry(path).filter(e -> e.mode() == FileMode.TREE).isPresent();
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " in the repository: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> links(String dir) {
        return entries(dir, FileMode.SYMLINK);
    }

    @Override
    public Optional<String> fingerprint(List<String> paths) {
        StringBuilder ids = new StringBuilder();
        for (String path : paths) {
            ids.append(ids.length() == 0 ? "" : " ").append(path).append('=').append(objectId(path));
        }
        return Optional.of(ids.toString());
    }

    private String objectId(String path) {
        if (path.isEmpty()) {
            return tree.getName();
        }
        try {
            return entry(path).map(e -> e.id().getName()).orElse("none");
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " in the repository: " + e.getMessage(), e);
        }
    }

    private List<String> entries(String dir, FileMode kind) {
        List<String> names = new ArrayList<>();
        try {
            listing(dir).forEach((name, entry) -> {
                if (entry.mode() == kind) {
                    names.add(name);
                }
            });
        } catch (IOException e) {
            throw new SourceException("cannot list " + dir + " in the repository: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    /** The entry at {@code path} (a/b/c), from its folder's listing. */
    private Optional<Entry> entry(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        return Optional.ofNullable(listing(slash < 0 ? "" : path.substring(0, slash)).get(path.substring(slash + 1)));
    }

    private Map<String, Entry> listing(String dir) throws IOException {
        Map<String, Entry> known = listings.get(dir);
        if (known != null) {
            return known;
        }
        ObjectId folder = dir.isEmpty() ? tree.getId()
                : entry(dir).filter(e -> e.mode() == FileMode.TREE).map(Entry::id).orElse(null);
        Map<String, Entry> found = new HashMap<>();
        if (folder != null) {
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(folder);
                walk.setRecursive(false);
                while (walk.next()) {
                    found.put(walk.getNameString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
                }
            }
        }
        Map<String, Entry> listed = listings.putIfAbsent(dir, found);
        return listed == null ? found : listed;
    }
}
