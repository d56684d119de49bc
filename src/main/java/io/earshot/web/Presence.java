package io.earshot.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/**
 * Who is looking at which conversation, and who is typing, pushed to everyone on it over SSE as a small HTML
 * fragment. Presence is ephemeral and kept per instance; typing fades after a few seconds without a keystroke
 * (measured with {@link System#nanoTime()}: this is screen state, not domain time).
 */
@Component
class Presence {

    private static final long TYPING_NANOS = 6_000_000_000L;

    private record Viewer(String email, String name, SseEmitter emitter) {
    }

    private final Map<Long, List<Viewer>> viewers = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Long>> typing = new ConcurrentHashMap<>();

    SseEmitter join(long conversationId, String email, String name) {
        SseEmitter emitter = new SseEmitter(30 * 60_000L);
        Viewer viewer = new Viewer(email, name, emitter);
        viewers.computeIfAbsent(conversationId, k -> new CopyOnWriteArrayList<>()).add(viewer);
        Runnable leave = () -> {
            List<Viewer> list = viewers.get(conversationId);
            if (list != null && list.remove(viewer)) {
                broadcast(conversationId);
                viewers.computeIfPresent(conversationId, (k, v) -> v.isEmpty() ? null : v);
            }
        };
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        broadcast(conversationId);
        return emitter;
    }

    void typing(long conversationId, String email) {
        if (!viewers.containsKey(conversationId)) {
            return; // only a conversation someone has open
        }
        typing.computeIfAbsent(conversationId, k -> new ConcurrentHashMap<>()).put(email, System.nanoTime() + TYPING_NANOS);
        broadcast(conversationId);
    }

    /** Typing that stopped is taken off the screen. */
    @Scheduled(fixedDelay = 2000)
    void fade() {
        long now = System.nanoTime();
        for (Map.Entry<Long, Map<String, Long>> e : typing.entrySet()) {
            if (e.getValue().values().removeIf(until -> until - now < 0)) {
                broadcast(e.getKey());
            }
        }
        typing.values().removeIf(Map::isEmpty);
    }

    /** The fragment everyone on the conversation sees. */
    String fragment(long conversationId) {
        Map<String, String> names = new TreeMap<>();
        for (Viewer v : viewers.getOrDefault(conversationId, List.of())) {
            names.put(v.email(), v.name());
        }
        Map<String, Long> typers = typing.getOrDefault(conversationId, Map.of());
        long now = System.nanoTime();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> n : names.entrySet()) {
            Long until = typers.get(n.getKey());
            boolean isTyping = until != null && until - now > 0;
            parts.add("<span class=\"viewer" + (isTyping ? " typing" : "") + "\">" + HtmlUtils.htmlEscape(n.getValue())
                    + (isTyping ? " (typing…)" : "") + "</span>");
        }
        return parts.isEmpty() ? "<span class=\"muted\">Nobody else here.</span>"
                : "<span class=\"muted\">Here now:</span> " + String.join(" ", parts);
    }

    private void broadcast(long conversationId) {
        String html = fragment(conversationId);
        for (Viewer v : viewers.getOrDefault(conversationId, List.of())) {
            try {
                v.emitter().send(SseEmitter.event().name("presence").data(html));
            } catch (IOException | IllegalStateException e) {
                viewers.getOrDefault(conversationId, new ArrayList<>()).remove(v);
            }
        }
    }

    /** Ends every stream (at shutdown). */
    void closeAll() {
        viewers.values().forEach(list -> list.forEach(v -> v.emitter().complete()));
        viewers.clear();
    }
}
