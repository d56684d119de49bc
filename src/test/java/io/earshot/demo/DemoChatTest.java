package io.earshot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo sets up a chat account for the port Earshot listens on and a shop page embedding its widget: the page's
 * script tag names the account, and the account's frame may be shown in that page (frame-ancestors) and nowhere else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.demo.enabled=true", "earshot.demo.backlog=5", "earshot.demo.interval=1h",
        "earshot.admin-token=demo-chat-test",
        "earshot.test.database=demo_chat"})
class DemoChatTest {

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoShopPageEmbedsTheDemoChatForThisPortOnly() throws Exception {
        HttpResponse<String> shop = get("/chat/demo-shop");
        assertThat(shop.statusCode()).isEqualTo(200);
        Matcher tag = Pattern.compile("<script src=\"/chat/(\\d+)/widget.js\" async></script>").matcher(shop.body());
        assertThat(tag.find()).as("the shop page embeds a widget: %s", shop.body()).isTrue();
        String account = tag.group(1);
        assertThat(get("/chat/" + account + "/widget.js").statusCode()).isEqualTo(200);
        HttpResponse<String> frame = get("/chat/" + account + "/frame?origin=http://localhost:" + port);
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElse(""))
                .endsWith("frame-ancestors http://localhost:" + port);
        assertThat(get("/chat/" + account + "/frame?origin=https://elsewhere.example").statusCode()).isGreaterThanOrEqualTo(400);
    }
}
