package io.mooring.render;

import io.mooring.model.ImageRef;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Picks a component's image as the deploy tool does, first found: the 3.x variable (APP_IMG, ...), the full
 * reference of 1.33/2.x ({@code omnileads_img}, {@code asterisk_img}, ...), Mooring's older {@code <c>_image}
 * and {@code <c>_version}, the 1.x tag variables under {@code omlapp_repo} (or {@code oml_registry}, a whole
 * prefix), and else the release's pin; postgresql, redis and minio keep Mooring's earlier defaults when the
 * inventory names none of their variables ({@link ReleaseImages#BEFORE_PINS}). {@code enterprise_edition: true} adds the {@code -enterprise} suffix
 * to a 1.x application tag, as the 2.x tags carry it.
 */
final class ImageChoice {
    private static final Pattern TAG_LIKE = Pattern.compile("[0-9][0-9A-Za-z._-]*");
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");
    static final String ENTERPRISE = "-enterprise";

    private final String file;
    private final Function<String, String> value;
    private final Function<String, Location> origin;

    /** {@code value}: a variable's value, Jinja filled in, null when undefined; {@code origin}: where it is set. */
    ImageChoice(String file, Function<String, String> value, Function<String, Location> origin) {
        this.file = file;
        this.value = value;
        this.origin = origin;
    }

    /** The component's image reference; an error at the variable that names it wrongly, or when nothing names it. */
    String choose(ReleaseImages.Image image) {
        List<String> full = new ArrayList<>();
        if (image.v3() != null) {
            full.add(image.v3());
        }
        full.addAll(image.full());
        for (String name : full) {
            String reference = value.apply(name);
            if (reference != null) {
                return checked(image, name, nonEmpty(image, name, reference));
            }
        }
        String ownRepo = image.ownImage() == null ? null : value.apply(image.ownImage());
        if (ownRepo != null) {
            nonEmpty(image, image.ownImage(), ownRepo);
        }
        for (String name : image.tags()) {
            String tag = value.apply(name);
            if (tag != null) {
                String repository = ownRepo != null ? ownRepo : prefix() + "/" + image.repository();
                return checked(image, name, repository + ":" + enterprise(image, nonEmpty(image, name, tag)));
            }
        }
        String ownTag = image.ownTag() == null ? null : value.apply(image.ownTag());
        if (ownTag != null) {
            String repository = ownRepo != null ? ownRepo : ImageRef.parse(image.unnamed()).name();
            return checked(image, image.ownTag(), repository + ":" + nonEmpty(image, image.ownTag(), ownTag));
        }
        if (ownRepo != null) {
            return checked(image, image.ownImage(), ownRepo + ":" + ImageRef.parse(image.unnamed()).tag());
        }
        if (image.unnamed() == null) {
            throw new InvalidConfigException(Location.of(file), "component " + image.component()
                    + " needs an image and release " + ReleaseImages.RELEASE + " pins none: set " + full.get(0) + " in the inventory");
        }
        return mirrored(image.unnamed());
    }

    /** The namespace of tag variables: oml_registry (a whole prefix, Mooring's), else docker.io/<omlapp_repo>. */
    private String prefix() {
        String registry = value.apply("oml_registry");
        if (registry != null && !registry.isEmpty()) {
            return registry;
        }
        String repo = value.apply("omlapp_repo");
        return "docker.io/" + (repo == null || repo.isEmpty() ? ReleaseImages.NAMESPACE : repo);
    }

    /** A pin under docker.io/omnileads is taken from oml_registry when it names a mirror. */
    private String mirrored(String pinned) {
        String registry = value.apply("oml_registry");
        String home = "docker.io/" + ReleaseImages.NAMESPACE + "/";
        return registry != null && !registry.isEmpty() && pinned.startsWith(home) ? registry + "/" + pinned.substring(home.length()) : pinned;
    }

    private String enterprise(ReleaseImages.Image image, String tag) {
        String edition = value.apply("enterprise_edition");
        boolean wanted = edition != null && YAML_TRUE.contains(edition.toLowerCase(Locale.ROOT));
        return wanted && "omlapp".equals(image.repository()) && !tag.endsWith(ENTERPRISE) ? tag + ENTERPRISE : tag;
    }

    private String nonEmpty(ReleaseImages.Image image, String name, String text) {
        if (text.isEmpty()) {
            throw new InvalidConfigException(origin.apply(name), name + " is empty (null), and component " + image.component()
                    + " needs its image from it: write it, or remove the line to use "
                    + (image.unnamed() == null ? "release " + ReleaseImages.RELEASE + "'s (none pinned)"
                    : image.unnamed().equals(image.pinned()) ? "release " + ReleaseImages.RELEASE + "'s " + image.pinned() : image.unnamed()));
        }
        return text;
    }

    private String checked(ReleaseImages.Image image, String name, String reference) {
        if (!reference.contains("/") && TAG_LIKE.matcher(reference).matches()) {
            throw new InvalidConfigException(origin.apply(name), name + " '" + reference + "' is a tag, not an image (component "
                    + image.component() + "): write the whole reference, such as "
                    + (image.pinned() == null ? "registry/name:" + reference : ImageRef.parse(image.pinned()).name() + ":" + reference));
        }
        try {
            return ImageRef.parse(reference).reference();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(origin.apply(name), name + " is not an image for component " + image.component()
                    + ": " + e.getMessage());
        }
    }
}
