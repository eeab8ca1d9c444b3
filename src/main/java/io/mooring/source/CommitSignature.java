package io.mooring.source;

/**
 * What a commit's signature proves: {@code verified} only when it is signed by a key the policy allows and the
 * signature matches the commit. {@code signer} names the key's owner (principal or user id), {@code key} its
 * fingerprint; {@code problem} says why it is not verified.
 */
public record CommitSignature(boolean verified, String signer, String key, String problem) {
    public static CommitSignature unsigned() {
        return new CommitSignature(false, null, null, "the commit is not signed");
    }

    public static CommitSignature refused(String signer, String key, String problem) {
        return new CommitSignature(false, signer, key, problem);
    }

    public static CommitSignature good(String signer, String key) {
        return new CommitSignature(true, signer, key, null);
    }

    @Override
    public String toString() {
        return verified ? "signed by " + signer + " (" + key + ")" : problem + (key == null ? "" : " (key " + key
                + (signer == null ? "" : ", " + signer) + ")");
    }
}
