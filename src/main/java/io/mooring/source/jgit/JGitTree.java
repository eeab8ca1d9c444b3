package io.mooring.source.jgit;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The files of one commit, read straight from the object database: no working tree is checked out. */
final class JGitTree implements ConfigTree {
    private final Repository repository;
    private final RevTree tree;

    JGitTree(Repository repository, RevTree tree) {
        this.repository = repository;
        this.tree = tree;
    }

    @Override
    public Optional<byte[]> read(String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            FileMode mode = walk.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                if (mode == FileMode.SYMLINK) {
                    throw new InvalidConfigException(Location.of(path), "is a symbolic link; config files must be regular files in the repository");
                }
                return Optional.empty();
            }
            ObjectLoader loader = repository.open(walk.getObjectId(0));
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
            return folderId(path) != null;
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
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            return walk == null ? "none" : walk.getObjectId(0).getName();
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " in the repository: " + e.getMessage(), e);
        }
    }

    private List<String> entries(String dir, FileMode kind) {
        List<String> names = new ArrayList<>();
        try {
            org.eclipse.jgit.lib.ObjectId folder = dir.isEmpty() ? tree.getId() : folderId(dir);
            if (folder == null) {
                return names;
            }
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(folder);
                walk.setRecursive(false);
                while (walk.next()) {
                    if (walk.getFileMode(0) == kind) {
                        names.add(walk.getNameString());
                    }
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot list " + dir + " in the repository: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private org.eclipse.jgit.lib.ObjectId folderId(String dir) throws IOException {
        try (TreeWalk at = TreeWalk.forPath(repository, dir, tree)) {
            return at == null || at.getFileMode(0) != FileMode.TREE ? null : at.getObjectId(0);
        }
    }
}
