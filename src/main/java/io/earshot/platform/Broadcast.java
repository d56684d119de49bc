package io.earshot.platform;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * A Kafka topic every Earshot instance hears in full: each instance reads it in a consumer group of its own from the
 * newest offset and skips what it sent itself. For news that only matters to what is open right now (an inbox, a
 * chat frame), so nothing is replayed after a restart and a lost message is caught up by the reader's own reads.
 */
public final class Broadcast {

    private static final Logger log = LoggerFactory.getLogger(Broadcast.class);

    private final String instance = UUID.randomUUID().toString();
    private final String topic;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaMessageListenerContainer<String, String> container;

    /** A broadcast on {@code topic} at {@code servers}; {@code fromOthers} gets what the other instances send. */
    public Broadcast(String servers, String topic, Consumer<String> fromOthers) {
        this.topic = topic;
        this.kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0)));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener((MessageListener<String, String>) record -> {
            if (!instance.equals(record.key())) {
                fromOthers.accept(record.value());
            }
        });
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "earshot-" + topic + "-" + instance,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)), properties);
    }

    /** Sends {@code value} to the other instances; a failure is logged (what), not thrown. */
    public void send(String value, String what) {
        kafka.send(topic, instance, value).whenComplete((r, e) -> {
            if (e != null) {
                log.warn("{} not relayed to other instances: {}", what, e.toString());
            }
        });
    }

    /** True once this instance reads the topic. */
    public boolean listening() {
        var assigned = container.getAssignedPartitions();
        return container.isRunning() && assigned != null && !assigned.isEmpty();
    }

    public void start() {
        container.start();
    }

    public void stop() {
        container.stop();
        kafka.destroy();
    }

    public boolean isRunning() {
        return container.isRunning();
    }
}
