package io.mooring.certs.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.toolbox.JSON;

/** The HTTP-01 server answers the open order's tokens, and nothing else. */
class HttpChallengeServerTest {
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Http01Challenge challenge() throws Exception {
        Login login = new Login(URI.create("https://ca.invalid/acct/1").toURL(), Keys.domainKey(),
                new Session(URI.create("https://ca.invalid/dir")));
        return new Http01Challenge(login, JSON.parse("{\"type\":\"http-01\",\"url\":\"https://ca.invalid/chall/1\","
                + "\"status\":\"pending\",\"token\":\"" + TOKEN + "\"}"));
    }

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheKeyAuthorizationOfAnAnsweredTokenOnly() throws Exception {
        Http01Challenge challenge = challenge();
        try (HttpChallengeServer server = HttpChallengeServer.start(new InetSocketAddress("127.0.0.1", 0))) {
            int port = server.port();
            String path = HttpChallengeServer.PREFIX + TOKEN;
            assertThat(send(port, "GET", path).statusCode()).as("before it is answered").isEqualTo(404);

            server.answer(Identifier.dns("web.example"), challenge);

            HttpResponse<String> answer = send(port, "GET", path);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(challenge.getAuthorization()).startsWith(TOKEN + ".");
            assertThat(send(port, "HEAD", path).statusCode()).isEqualTo(200);
            assertThat(send(port, "POST", path).statusCode()).isEqualTo(405);
            assertThat(send(port, "GET", HttpChallengeServer.PREFIX + "other").statusCode()).isEqualTo(404);
            assertThat(send(port, "GET", HttpChallengeServer.PREFIX).statusCode()).isEqualTo(404);
            assertThat(send(port, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(send(port, "GET", "/.well-known/acme-challenge/../acme-challenge/" + TOKEN).statusCode()).isEqualTo(404);
            assertThat(send(port, "GET", path + "/x").statusCode()).isEqualTo(404);
        }
    }
}
