package io.mooring.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A target reached over HTTP: each notice POSTed as {@link Payloads} shapes it for the target's type, within a timeout. */
public final class HttpChannel implements Channel {
    private final HttpClient client;
    private final Target target;
    private final Optional<String> pageUrl;
    private final Duration timeout;

    public HttpChannel(HttpClient client, Target target, Optional<String> pageUrl, Duration timeout) {
        this.client = client;
        this.target = target;
        this.pageUrl = pageUrl;
        this.timeout = timeout;
    }

    /** A client for the agent's targets: connections opened within {@code timeout}, redirects not followed. */
    public static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Notice notice) throws IOException, InterruptedException {
        Payloads.Post post = Payloads.of(target, notice, pageUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(post.uri()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(post.body()));
        post.headers().forEach(request::header);
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("answered HTTP " + response.statusCode());
        }
    }

    @Override
    public String toString() {
        return target.describe();
    }
}
