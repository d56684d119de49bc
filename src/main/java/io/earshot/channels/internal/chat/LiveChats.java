package io.earshot.channels.internal.chat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The visitors' open streams on this instance: a new line of a visitor's chat is pushed to each of their open frames
 * (a visitor may have the site open in two tabs). With Kafka ({@link ChatRelay}) the line reaches frames whose stream
 * is on another instance too; without it, or when Kafka is down, those catch up by reading their history when they
 * reconnect and every little while.
 */
@Component
class LiveChats {

    private static final long STREAM_MILLIS = 30 * 60_000L;

    private final Map<Long, List<SseEmitter>> open = new ConcurrentHashMap<>();
    private final org.springframework.beans.factory.ObjectProvider<ChatRelay> relay;

    LiveChats(org.springframework.beans.factory.ObjectProvider<ChatRelay> relay) {
        this.relay = relay;
    }

    SseEmitter open(long visitorId) {
        SseEmitter emitter = new SseEmitter(STREAM_MILLIS);
        List<SseEmitter> mine = open.computeIfAbsent(visitorId, id -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        Runnable gone = () -> forget(visitorId, emitter);
        emitter.onCompletion(gone);
        emitter.onTimeout(gone);
        emitter.onError(e -> gone.run());
        send(visitorId, emitter, SseEmitter.event().name("hello").data("connected"));
        return emitter;
    }

    /** Pushes {@code line} to the visitor's open frames, here and (with Kafka) on the other instances. */
    void push(long visitorId, ChatView.LineView line) {
        pushHere(visitorId, line);
        relay.ifAvailable(r -> r.relay(visitorId, line));
    }

    /** Pushes {@code line} to the visitor's frames whose stream is open on this instance. */
    void pushHere(long visitorId, ChatView.LineView line) {
        for (SseEmitter emitter : open.getOrDefault(visitorId, List.of())) {
            send(visitorId, emitter, SseEmitter.event().name("line").id(line.id()).data(line, org.springframework.http.MediaType.APPLICATION_JSON));
        }
    }

    /** A comment now and then keeps idle streams open through proxies and finds the ones whose browser left. */
    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        open.forEach((visitorId, emitters) -> emitters.forEach(e -> send(visitorId, e, SseEmitter.event().comment("still here"))));
    }

    private void send(long visitorId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            forget(visitorId, emitter);
        }
    }

    private void forget(long visitorId, SseEmitter emitter) {
        open.computeIfPresent(visitorId, (id, list) -> {
            list.remove(emitter);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * Ends every open stream when the application starts to close (before the web server's graceful shutdown), so
     * the shutdown does not wait for visitors' browsers to hang up.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closing() {
        open.values().forEach(list -> list.forEach(SseEmitter::complete));
        open.clear();
    }
}
