package io.earshot.web;

import io.earshot.conversation.ConversationEvent;
import io.earshot.conversation.MessagesStored;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Carries "the inbox changed" between Earshot instances over Kafka, so an inbox open on one instance hears of a
 * message another instance stored. On only when {@code earshot.kafka.bootstrap-servers} is set; each instance
 * reads the topic in a group of its own (every instance sees every event) from the newest offset, and skips the
 * events it sent itself (it pushed those already).
 */
@Component
@ConditionalOnExpression("'${earshot.kafka.bootstrap-servers:}' != ''")
class InboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxRelay.class);

    private final String instance = UUID.randomUUID().toString();
    private final String topic;
    private final InboxStream inbox;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaMessageListenerContainer<String, String> container;

    InboxRelay(InboxStream inbox, @Value("${earshot.kafka.bootstrap-servers}") String servers,
               @Value("${earshot.kafka.inbox-topic:earshot.inbox}") String topic) {
        this.inbox = inbox;
        this.topic = topic;
        this.kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0)));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener((MessageListener<String, String>) record -> {
            if (!instance.equals(record.key())) {
                inbox.relay(record.value());
            }
        });
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "earshot-inbox-" + instance,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)), properties);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void arrived(MessagesStored event) {
        send("new");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(ConversationEvent event) {
        send(Long.toString(event.conversationId()));
    }

    private void send(String data) {
        kafka.send(topic, instance, data).whenComplete((r, e) -> {
            if (e != null) {
                log.warn("inbox event not relayed to other instances: {}", e.toString());
            }
        });
    }

    /** True once this instance reads the topic. */
    boolean listening() {
        var assigned = container.getAssignedPartitions();
        return container.isRunning() && assigned != null && !assigned.isEmpty();
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
        kafka.destroy();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
