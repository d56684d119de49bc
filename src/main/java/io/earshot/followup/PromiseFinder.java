package io.earshot.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public interface PromiseFinder {
    String language();
    List<FoundPromise> find(String text, Instant saidAt, BusinessCalendar calendar, Duration soon);
}
