package io.mooring.inventory;

import java.util.ArrayList;
import java.util.List;

/** Splits a command string into words the way a POSIX shell would for plain quoting (no expansion). */
final class CommandLine {
    private CommandLine() {
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in command \"" + text + "\"");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
