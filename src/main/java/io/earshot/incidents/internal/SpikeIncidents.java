package io.earshot.incidents.internal;

import io.earshot.incidents.Incidents;
import io.earshot.listening.SpikeDetected;
import io.earshot.platform.AfterCommit;
import org.springframework.stereotype.Component;

/**
 * Opens an incident when a topic's negative series spikes (a volume spike alone may be praise), or adds the spike's
 * conversations to the topic's open incident. Runs after the transaction that noticed the spike commits, in its own
 * ({@code @AfterCommit}, recorded by the event publication registry); run twice, it finds the incident it opened and
 * adds no one twice.
 */
@Component
class SpikeIncidents {

    private final Incidents incidents;

    SpikeIncidents(Incidents incidents) {
        this.incidents = incidents;
    }

    @AfterCommit
    void on(SpikeDetected spike) {
        if (!"negative".equals(spike.series()) || spike.topicId() == 0) {
            return;
        }
        incidents.spiked(spike.topicId(), "Complaints about " + spike.topicName() + " spiked: " + spike.description(),
                spike.conversationIds());
    }
}
