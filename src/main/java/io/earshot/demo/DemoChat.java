package io.earshot.demo;

import io.earshot.channels.ChannelAccount;
import io.earshot.channels.ChannelAccounts;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo's web chat: a chat account for Earshot's own address and a small shop page that embeds the widget with
 * its one script tag ({@code /chat/demo-shop}), so a first look can chat as a visitor and answer at the desk.
 */
@RestController
@ConditionalOnProperty(name = "earshot.demo.enabled", havingValue = "true")
class DemoChat {

    static final String NAME = "Demo shop chat";
    private static final Logger log = LoggerFactory.getLogger(DemoChat.class);

    private final ChannelAccounts accounts;
    private final Environment environment;

    DemoChat(ChannelAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    /** Creates the demo's chat account for the port Earshot listens on, unless it is there already. */
    @EventListener(ApplicationReadyEvent.class)
    void ensureAccount() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        try {
            if (account().isEmpty()) {
                accounts.create("chat", NAME, Map.of("allowedOrigins", "http://localhost:" + port + ",http://127.0.0.1:" + port,
                        "title", "Lumen support", "greeting", "Hi! How can we help?"), Map.of());
            }
            log.info("demo chat: open http://localhost:{}/chat/demo-shop to chat as a visitor; answer at the desk", port);
        } catch (RuntimeException e) {
            log.warn("demo chat not set up: {}", e.getMessage());
        }
    }

    private Optional<ChannelAccount> account() {
        return accounts.all().stream().filter(a -> a.kind().equals("chat") && a.name().equals(NAME)).findFirst();
    }

    @GetMapping("/chat/demo-shop")
    ResponseEntity<String> shop() {
        Optional<ChannelAccount> chat = account().filter(a -> "active".equals(a.status()));
        String widget = chat.map(a -> "<script src=\"/chat/" + HtmlUtils.htmlEscape(a.id()) + "/widget.js\" async></script>")
                .orElse("<p>The demo chat account is paused or gone: see Admin, Channel accounts.</p>");
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lumen shop (Earshot demo)</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
                + "<body style=\"font:16px/1.5 system-ui,sans-serif;margin:2rem\"><h1>Lumen shop</h1>"
                + "<p>Everything for your home. This page stands for your own site: the chat in the corner is Earshot's "
                + "widget, embedded with one script tag. Write something, then answer it in the desk's inbox.</p>"
                + widget + "</body></html>";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(page);
    }
}
