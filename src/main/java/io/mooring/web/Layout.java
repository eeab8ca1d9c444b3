package io.mooring.web;

/**
 * The frame of every status page: a title, the style (inline, one column on a phone: each table row becomes a card whose
 * cells carry their column's name), a refresh every {@code refresh} seconds without script (0: none), and the body.
 */
final class Layout {
    private static final String STYLE = """
            :root{color-scheme:light dark;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--none:#6e7781;--line:#d0d7de}
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;padding:12px;max-width:1200px}
            header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:baseline;justify-content:space-between}
            h1{font-size:1.35em;margin:0}h2{font-size:1.1em;margin:1.4em 0 .4em}
            a{color:#0969da}.note{border-left:4px solid var(--warn);padding:6px 10px;background:rgba(154,103,0,.08)}
            .error{border-left-color:var(--bad);background:rgba(207,34,46,.08)}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            th{font-size:.85em;color:var(--none)}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600;font-size:.85em}
            .ok{background:var(--ok)}.bad{background:var(--bad)}.warn{background:var(--warn)}.none{background:var(--none)}
            .muted{color:var(--none)}pre{white-space:pre-wrap;word-break:break-word;margin:0}
            form.inline{display:inline}button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid var(--line);cursor:pointer}
            button.primary{background:var(--ok);color:#fff;border-color:var(--ok)}
            input{font:inherit;padding:6px;width:100%;max-width:420px;box-sizing:border-box}
            @media (max-width:700px){thead{display:none}table,tbody,tr,td{display:block;width:auto}
            tr{border:1px solid var(--line);border-radius:8px;margin:0 0 10px;padding:4px}td{border:0;padding:3px 6px}
            td:empty{display:none}td[data-label]::before{content:attr(data-label) ": ";color:var(--none);font-size:.85em}}
            """;

    private Layout() {
    }

    /** {@code title} is escaped here; {@code body} is HTML its renderer built from escaped values. */
    static String page(String title, int refresh, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + (refresh > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refresh + "\">" : "")
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>\n<body>\n" + body + "\n</body></html>\n";
    }

    /** A table cell with its column's name for the one-column layout. */
    static String cell(String label, String html) {
        return "<td data-label=\"" + Html.escape(label) + "\">" + html + "</td>";
    }

    /** A table's head row. */
    static String head(String... labels) {
        StringBuilder row = new StringBuilder("<thead><tr>");
        for (String label : labels) {
            row.append("<th>").append(Html.escape(label)).append("</th>");
        }
        return row.append("</tr></thead>").toString();
    }

    /** A state as a coloured badge. */
    static String badge(String word, String tone) {
        return "<span class=\"badge " + Html.escape(tone) + "\">" + Html.escape(word) + "</span>";
    }
}
