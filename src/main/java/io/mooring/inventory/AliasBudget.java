package io.mooring.inventory;

import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import org.yaml.snakeyaml.error.Mark;

/**
 * What a file amounts to once its aliases are filled in: values, characters of text and depth. The totals are
 * counted while the file is composed, an alias adding the size of what it refers to, so that nothing is ever
 * expanded to be measured: an alias bomb is refused at the alias that crosses a limit, in the time it takes to
 * read its events. The limits are far above any real Compose file or inventory (a megabyte of plain YAML holds
 * fewer values than {@link #MAX_NODES}), and far below what would slow the readers that walk the result.
 */
final class AliasBudget {
    static final long MAX_NODES = 200_000;
    static final long MAX_CHARS = 4L << 20;
    static final int MAX_DEPTH = 32;
    /** Host names (253), label keys and variable names fit; see NodeComposer for why keys are bounded at all. */
    static final int MAX_KEY_CHARS = 256;

    /** A complete node's share of the totals; {@code height} counts its levels of lists and mappings. */
    record Size(long nodes, long chars, int height) {
        static Size scalar(String value) {
            return new Size(1, value.length(), 0);
        }
    }

    private final String file;
    private long nodes;
    private long chars;
    private boolean aliases;

    AliasBudget(String file) {
        this.file = file;
    }

    long nodes() {
        return nodes;
    }

    long chars() {
        return chars;
    }

    /** A value written in the file. */
    void add(Size size, Mark at) {
        nodes += size.nodes();
        chars += size.chars();
        check(at);
    }

    /** An alias at {@code depth} (the lists and mappings it is inside) to a node of {@code size}. */
    void alias(String anchor, Size size, int depth, Mark at) {
        aliases = true;
        if (depth + size.height() > MAX_DEPTH) {
            throw refused(at, "alias *" + anchor + " nests the file deeper than " + MAX_DEPTH + " levels once filled in");
        }
        add(size, at);
    }

    /** A list or mapping opened at {@code depth}. */
    void open(int depth, Mark at) {
        if (depth > MAX_DEPTH) {
            throw refused(at, "nested deeper than " + MAX_DEPTH + " levels");
        }
        add(new Size(1, 0, 1), at);
    }

    private void check(Mark at) {
        String filled = aliases ? " once its aliases are filled in; refused as a possible alias bomb" : "";
        if (nodes > MAX_NODES) {
            throw refused(at, "the file holds more than " + MAX_NODES + " values" + filled);
        }
        if (chars > MAX_CHARS) {
            throw refused(at, "the file holds more than " + MAX_CHARS + " characters of text" + filled);
        }
    }

    InvalidConfigException refused(Mark at, String message) {
        return new InvalidConfigException(new Location(file, at.getLine() + 1, at.getColumn() + 1), message);
    }
}
