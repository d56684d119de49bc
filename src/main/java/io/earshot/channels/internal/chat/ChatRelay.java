package io.earshot.channels.internal.chat;

import io.earshot.platform.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries each new chat line to the other Earshot instances over Kafka, so a visitor whose stream is open on another
 * instance than the one that stored the line sees it at once, not at the frame's next catch-up read. On only when
 * {@code earshot.kafka.bootstrap-servers} is set; every instance hears every line but its own ({@link Broadcast}).
 */
@Component
@ConditionalOnExpression("'${earshot.kafka.bootstrap-servers:}' != ''")
class ChatRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);

    /** What goes over the topic: whose chat, and the line as the frame shows it. */
    record Relayed(long visitorId, ChatView.LineView line) {
    }

    private final JsonMapper json;
    private final Broadcast broadcast;

    ChatRelay(LiveChats live, JsonMapper json, @Value("${earshot.kafka.bootstrap-servers}") String servers,
              @Value("${earshot.kafka.chat-topic:earshot.chat}") String topic) {
        this.json = json;
        this.broadcast = new Broadcast(servers, topic, value -> {
            try {
                Relayed r = json.readValue(value, Relayed.class);
                live.pushHere(r.visitorId(), r.line());
            } catch (RuntimeException e) {
                log.warn("a relayed chat line could not be read: {}", e.getMessage());
            }
        });
    }

    /** Sends a line pushed on this instance to the others. */
    void relay(long visitorId, ChatView.LineView line) {
        broadcast.send(json.writeValueAsString(new Relayed(visitorId, line)),
                "chat line (frames on other instances catch up on their next read)");
    }

    /** True once this instance reads the topic. */
    boolean listening() {
        return broadcast.listening();
    }

    @Override
    public void start() {
        broadcast.start();
    }

    @Override
    public void stop() {
        broadcast.stop();
    }

    @Override
    public boolean isRunning() {
        return broadcast.isRunning();
    }
}
