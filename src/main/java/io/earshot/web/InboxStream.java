package io.earshot.web;

import io.earshot.conversation.ConversationEvent;
import io.earshot.conversation.MessagesStored;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes {@code inbox} to every open inbox over server-sent events when messages arrive or an agent changes a
 * conversation (after the change is committed), so the page fetches its rows again without a reload.
 * Events reach the inboxes connected to this instance; several instances will share them through Kafka.
 */
@Controller
class InboxStream implements org.springframework.context.SmartLifecycle {

    private volatile boolean running;

    private final List<SseEmitter> open = new CopyOnWriteArrayList<>();
    private final Presence presence;

    InboxStream(Presence presence) {
        this.presence = presence;
    }

    @GetMapping(path = "/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(30 * 60_000L);
        open.add(emitter);
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(e -> open.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name("hello").data("connected"));
        } catch (IOException e) {
            open.remove(emitter);
        }
        return emitter;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void arrived(MessagesStored event) {
        push("new");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(ConversationEvent event) {
        push(Long.toString(event.conversationId()));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream first, so a graceful shutdown does not wait for browsers to hang up. */
    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : open) {
            emitter.complete();
        }
        open.clear();
        presence.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    int listeners() {
        return open.size();
    }

    /** An inbox event from another instance (see {@link InboxRelay}). */
    void relay(String data) {
        push(data);
    }

    private static final long QUIET_NANOS = 250_000_000L;
    private final java.util.concurrent.atomic.AtomicLong lastSent = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Tells every open inbox that something changed, at most four times a second: a burst of single-message
     * ingests becomes one push (and one fetch of the rows per inbox) instead of hundreds. The first change after a
     * quiet spell goes out at once; the rest of a burst is sent by {@link #flush()}.
     */
    private void push(String data) {
        long now = System.nanoTime(); // pacing of screen updates, not domain time
        long last = lastSent.get();
        if (now - last >= QUIET_NANOS && lastSent.compareAndSet(last, now)) {
            send(data);
        } else {
            pending.set(true);
        }
    }

    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 250)
    void flush() {
        if (pending.getAndSet(false)) {
            lastSent.set(System.nanoTime());
            send("changes");
        }
    }

    private void send(String data) {
        for (SseEmitter emitter : open) {
            try {
                emitter.send(SseEmitter.event().name("inbox").data(data));
            } catch (IOException | IllegalStateException e) {
                open.remove(emitter);
            }
        }
    }
}
