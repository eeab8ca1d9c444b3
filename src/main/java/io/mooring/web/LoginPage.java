package io.mooring.web;

import java.util.Optional;

/** The sign-in form, {@code GET /login}, and the page that says the status page is off without a token. */
public final class LoginPage {
    private LoginPage() {
    }

    /** The form; {@code error}: why the last try was refused. */
    public static String render(Optional<String> error) {
        return Layout.page("Mooring: sign in", 0, "<header><h1>Mooring status: sign in</h1></header>\n"
                + error.map(e -> "<p class=\"note error\" id=\"error\">" + Html.escape(e) + "</p>\n").orElse("")
                + "<form method=\"post\" action=\"/login\" id=\"login\"><p><label for=\"token\">The agent's API token"
                + " (the content of the file its <code>api.tokenFile</code> names)</label></p>"
                + "<p><input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required autofocus></p>"
                + "<p><button class=\"primary\" type=\"submit\">Sign in</button></p></form>\n");
    }

    /** What the page says when nobody may read it: the agent has no token and does not allow anonymous reads. */
    public static String off() {
        return Layout.page("Mooring status", 0, "<header><h1>Mooring status</h1></header>\n<p class=\"note error\" id=\"off\">The status"
                + " page needs the agent's API token: give the agent a token file (<code>api.tokenFile</code> in its configuration), or"
                + " set <code>api.anonymousRead: true</code> to let anyone who reaches the port read.</p>\n");
    }

    /** A refusal of a form, with what to do. */
    public static String refused(String why) {
        return Layout.page("Mooring status", 0, "<header><h1>Mooring status</h1></header>\n<p class=\"note error\" id=\"refused\">"
                + Html.escape(why) + "</p>\n<p><a href=\"/\">Back to the status page</a></p>\n");
    }
}
