package io.earshot.web;

import io.earshot.conversation.ConversationEvent;
import io.earshot.conversation.MessagesStored;
import io.earshot.platform.Broadcast;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Carries "the inbox changed" between Earshot instances over Kafka, so an inbox open on one instance hears of a
 * message another instance stored. On only when {@code earshot.kafka.bootstrap-servers} is set; every instance hears
 * every event but its own ({@link Broadcast}), since it pushed those already.
 */
@Component
@ConditionalOnExpression("'${earshot.kafka.bootstrap-servers:}' != ''")
class InboxRelay implements SmartLifecycle {

    private final Broadcast broadcast;

    InboxRelay(InboxStream inbox, @Value("${earshot.kafka.bootstrap-servers}") String servers,
               @Value("${earshot.kafka.inbox-topic:earshot.inbox}") String topic) {
        this.broadcast = new Broadcast(servers, topic, inbox::relay);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void arrived(MessagesStored event) {
        broadcast.send("new", "inbox event");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(ConversationEvent event) {
        broadcast.send(Long.toString(event.conversationId()), "inbox event");
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
