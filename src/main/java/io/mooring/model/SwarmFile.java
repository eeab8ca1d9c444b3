package io.mooring.model;

/**
 * A secret or config of a Swarm service: made once in the swarm under a name that ends with its content's hash, so that
 * new content is a new object the service is updated to (Swarm objects cannot change), and the old one is removed when
 * no service of the tenant names it.
 *
 * @param secret  a Swarm secret (kept encrypted by the managers) rather than a config
 * @param key     the secret's or config's key in components.yml
 * @param name    {@code <tenant>-<key>-<first 12 of the content's SHA-256>}
 * @param target  the path in the task's container
 * @param content what the file holds; never logged, never in a label
 */
public record SwarmFile(boolean secret, String key, String name, String target, int mode, String uid, String gid, byte[] content) {
    public SwarmFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SwarmFile f && f.secret == secret && f.key.equals(key) && f.name.equals(name) && f.target.equals(target)
                && f.mode == mode && f.uid.equals(uid) && f.gid.equals(gid) && java.util.Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(secret, key, name, target, mode, uid, gid, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return (secret ? "secret " : "config ") + name + " at " + target;
    }
}
