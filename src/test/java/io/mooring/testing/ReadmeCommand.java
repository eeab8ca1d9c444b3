package io.mooring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A command as README.md documents it: the first fenced block under a heading that starts with a given text, its
 * continued lines ({@code \} at the end) joined, split into words (the documented lines quote nothing). A test runs it
 * with only what must differ in a test put in: {@link #withOption}, {@link #withVolumeSource}, {@link #withLast}.
 */
public record ReadmeCommand(List<String> words) {

    /** The README the build names (failsafe's {@code mooring.readme}), else the one in the working directory. */
    public static Path readme() {
        return Path.of(System.getProperty("mooring.readme", "README.md"));
    }

    /** The first fenced block under {@code heading} whose text starts with {@code start}. */
    public static ReadmeCommand under(String heading, String start) throws IOException {
        List<String> lines = Files.readAllLines(readme());
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException(readme() + " has no heading \"" + heading + "\"");
        }
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("```")) {
                StringBuilder block = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                String text = block.toString().replace("\\\n", " ").strip();
                if (text.startsWith(start)) {
                    return new ReadmeCommand(List.of(text.split("\\s+")));
                }
            }
        }
        throw new IllegalStateException(readme() + " has no block starting with \"" + start + "\" under \"" + heading + "\"");
    }

    /** The value after {@code option} replaced; fails when the command has no such option. */
    public ReadmeCommand withOption(String option, String value) {
        List<String> out = new ArrayList<>(words);
        int at = out.indexOf(option);
        if (at < 0 || at + 1 >= out.size()) {
            throw new IllegalStateException("the README's command has no " + option + ": " + this);
        }
        out.set(at + 1, value);
        return new ReadmeCommand(out);
    }

    /** The host side of each {@code -v SOURCE:TARGET[:MODE]} whose source is a key of {@code sources} replaced by its value. */
    public ReadmeCommand withVolumeSource(Map<String, String> sources) {
        List<String> out = new ArrayList<>(words);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("-v")) {
                String[] parts = out.get(i + 1).split(":", 2);
                if (sources.containsKey(parts[0])) {
                    out.set(i + 1, sources.get(parts[0]) + ":" + parts[1]);
                }
            }
        }
        return new ReadmeCommand(out);
    }

    /** The last word (the image) replaced by {@code replace} of it, after {@code before}, options put before it. */
    public ReadmeCommand withLast(UnaryOperator<String> replace, String... before) {
        List<String> out = new ArrayList<>(words.subList(0, words.size() - 1));
        out.addAll(Arrays.asList(before));
        out.add(replace.apply(words.get(words.size() - 1)));
        return new ReadmeCommand(out);
    }

    /** The host sides of the command's {@code -v} options. */
    public List<String> volumeSources() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("-v")) {
                out.add(words.get(i + 1).split(":", 2)[0]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
