package io.mooring.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 of a container's canonical JSON: equal specs hash alike, whatever order the YAML wrote them in. */
public final class SpecHash {
    private SpecHash() {
    }

    static String of(String image, List<String> command, Map<String, String> environment,
                     List<String> ports, List<String> volumes, String restart) {
        TreeMap<String, Object> spec = new TreeMap<>();
        spec.put("image", image);
        spec.put("command", command);
        spec.put("environment", new TreeMap<>(environment));
        spec.put("ports", ports);
        spec.put("volumes", volumes);
        spec.put("restart", restart);
        return sha256(CanonicalJson.write(spec));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
