package io.earshot.channels.internal.chat;

import io.earshot.platform.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/**
 * The chat's own surface, for visitors (not the agents' API): the widget script a site embeds, the frame it opens,
 * and the frame's calls. No cookie is read or set here; a visitor is known by the bearer token their frame keeps.
 */
@RestController
class ChatController {

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    private final ChatDoor door;
    private final LiveChats live;
    private final String widget = read("chat/widget.js");
    private final String frame = read("chat/frame.html");

    ChatController(ChatDoor door, LiveChats live) {
        this.door = door;
        this.live = live;
    }

    /** The script a site embeds with one tag; it finds its own address and account from its {@code src}. */
    @GetMapping("/chat/{accountId}/widget.js")
    ResponseEntity<String> widget(@PathVariable long accountId) {
        door.chat(accountId);
        return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(widget);
    }

    /**
     * The chat frame, for the site {@code origin} only: the browser itself refuses to show it inside any other page
     * ({@code frame-ancestors}). An origin not on the account's list is refused with a plain message.
     */
    @GetMapping("/chat/{accountId}/frame")
    ResponseEntity<String> frame(@PathVariable long accountId, @RequestParam(required = false) String origin) {
        ChatDoor.Chat chat;
        try {
            chat = door.chatFor(accountId, origin);
        } catch (io.earshot.platform.EarshotException e) {
            return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN)
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'").body(e.getMessage());
        }
        String site = AllowedOrigins.canonical(origin).orElseThrow();
        String page = frame.replace("{{account}}", Long.toString(accountId))
                .replace("{{origin}}", HtmlUtils.htmlEscape(site))
                .replace("{{title}}", HtmlUtils.htmlEscape(chat.title()))
                .replace("{{greeting}}", HtmlUtils.htmlEscape(chat.greeting()));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                        + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors " + site)
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }

    record Start(String origin, String name, String email, String hash) {
    }

    /** Starts a chat: a visitor token for the frame to keep (201). */
    @PostMapping("/chat/{accountId}/visitors")
    ResponseEntity<ChatView.NewVisitor> start(@PathVariable long accountId, @RequestBody Start body, HttpServletRequest request) {
        return ResponseEntity.status(201).body(door.start(accountId, body.origin(), body.name(), body.email(), body.hash(),
                request.getRemoteAddr()));
    }

    record Say(String text, String id) {
    }

    /** A visitor's line, into the desk (201); sending the same {@code id} again is the same line. */
    @PostMapping("/chat/{accountId}/messages")
    ResponseEntity<ChatView.LineView> say(@PathVariable long accountId, @RequestBody Say body, HttpServletRequest request) {
        ChatVisitors.Visitor v = visitor(accountId, request);
        return ResponseEntity.status(201).body(door.say(v, body.text(), body.id(), request.getRemoteAddr()));
    }

    @GetMapping("/chat/{accountId}/history")
    ChatView.History history(@PathVariable long accountId, HttpServletRequest request) {
        return door.history(visitor(accountId, request));
    }

    /** The visitor's new lines, live (server-sent events; the frame reads it with fetch, so the token stays in a header). */
    @GetMapping(path = "/chat/{accountId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable long accountId, HttpServletRequest request) {
        return live.open(visitor(accountId, request).id());
    }

    @ExceptionHandler(ChatDoor.TooFast.class)
    ResponseEntity<ErrorBody> tooFast(ChatDoor.TooFast e) {
        return ResponseEntity.status(429).header("Retry-After", Long.toString(e.seconds()))
                .contentType(MediaType.APPLICATION_JSON).body(ErrorBody.of("too_many_requests", e.getMessage(), null));
    }

    private ChatVisitors.Visitor visitor(long accountId, HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        return door.visitor(accountId, token, request.getHeader("Origin"), request.getHeader("Host"));
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
