package io.mooring.certs.acme;

import java.util.stream.Collectors;
import org.shredzone.acme4j.Problem;

/** An ACME problem document, or an exception, as one line. */
final class Problems {
    private Problems() {
    }

    /** The problem's detail (or title) and its type, with its sub-problems' details. */
    static String describe(Problem problem) {
        String detail = problem.getDetail().or(problem::getTitle).orElse("no detail given");
        String subs = problem.getSubProblems().stream()
                .map(sub -> sub.getIdentifier().map(id -> id.getValue() + ": ").orElse("")
                        + sub.getDetail().or(sub::getTitle).orElse(sub.getType().toString()))
                .collect(Collectors.joining("; "));
        return line(detail + (subs.isEmpty() ? "" : " (" + subs + ")") + " [" + problem.getType() + "]");
    }

    /** The exception's message, or its cause's, on one line. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while ((message == null || message.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        if (t.getCause() != null && t.getCause().getMessage() != null && !text.contains(t.getCause().getMessage())) {
            text += ": " + t.getCause().getMessage();
        }
        return line(text);
    }

    private static String line(String text) {
        String one = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() > 500 ? one.substring(0, 500) + "…" : one;
    }
}
