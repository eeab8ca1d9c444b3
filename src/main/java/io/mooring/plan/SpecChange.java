package io.mooring.plan;

import io.mooring.model.ImageRef;
import io.mooring.plan.Reason.Code;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a spec changed, said the same way for a container and a Swarm service: the image's tag or name, else the fields
 * whose hashes differ, else a tag that moved in its registry.
 */
final class SpecChange {
    private SpecChange() {
    }

    /**
     * The reason for a spec whose hash changed.
     *
     * @param had       the image reference the running one was made from, as the revision wrote it
     * @param hadFields its spec fields' hashes; empty when not recorded
     * @param what      what runs ({@code container}, {@code service}), for "fields not recorded on the running ..."
     */
    static Reason reason(ImageRef wanted, String had, Map<String, String> wantFields, Map<String, String> hadFields, String what) {
        List<String> changed = changedFields(wantFields, hadFields);
        if (wanted.reference().equals(had)) {
            String certificate = wantFields.getOrDefault("certificate", "");
            if (changed.equals(List.of("certificate")) && hadFields.containsKey("certificate") && certificate.contains(" ")) {
                return Reason.of(Code.CERTIFICATE_RENEWED, "expires " + certificate.substring(certificate.indexOf(' ') + 1));
            }
            return Reason.of(Code.SPEC_CHANGED, hadFields.isEmpty()
                    ? "fields not recorded on the running " + what : String.join(", ", changed));
        }
        try {
            ImageRef before = ImageRef.parse(had);
            if (before.name().equals(wanted.name())) {
                List<String> others = changed.stream().filter(f -> !f.equals("image")).toList();
                return Reason.of(Code.TAG_CHANGED, describe(before) + " → " + describe(wanted)
                        + (others.isEmpty() ? "" : "; also " + String.join(", ", others)));
            }
        } catch (IllegalArgumentException unparsable) {
            // An image written by hand may not parse; say what it was in full.
        }
        return Reason.of(Code.IMAGE_CHANGED, had + " → " + wanted.reference());
    }

    /** The fields whose hashes differ; none are known for what was made before field hashes were recorded. */
    static List<String> changedFields(Map<String, String> wantFields, Map<String, String> hadFields) {
        if (hadFields.isEmpty()) {
            return List.of();
        }
        Set<String> names = new TreeSet<>(wantFields.keySet());
        names.addAll(hadFields.keySet());
        return names.stream().filter(n -> !Objects.equals(wantFields.get(n), hadFields.get(n))).toList();
    }

    /** A tag that now points elsewhere in its registry; what was made before pinning has no digest to compare. */
    static Optional<Reason> digestMoved(ImageRef wanted, String hadDigest, Facts facts) {
        if (wanted.digest() != null || hadDigest.isEmpty()) {
            return Optional.empty();
        }
        String now = facts.registryDigests().get(wanted.reference());
        if (now == null || now.equals(hadDigest)) {
            return Optional.empty();
        }
        return Optional.of(Reason.of(Code.DIGEST_MOVED, wanted.tag() + " moved from " + shortDigest(hadDigest) + " to " + shortDigest(now)));
    }

    private static String describe(ImageRef image) {
        return image.digest() != null ? image.digest() : image.tag();
    }

    static String shortDigest(String digest) {
        return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
