package io.earshot.api;

import io.earshot.listening.Topic;
import io.earshot.listening.Topics;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Topics")
class TopicsController {

    private final Topics topics;
    private final Clock clock;
    private final io.earshot.platform.ExpensiveReads expensive;

    TopicsController(Topics topics, Clock clock, io.earshot.platform.ExpensiveReads expensive) {
        this.topics = topics;
        this.clock = clock;
        this.expensive = expensive;
    }

    @Operation(summary = "Track a topic (lead): {name, query}; the query is alternatives separated by OR or commas, "
            + "each a word or phrase matched anywhere in a message's text, in any case")
    @PostMapping("/api/v1/topics")
    @ResponseStatus(HttpStatus.CREATED)
    Topic create(@Valid @RequestBody NewTopic body) {
        return topics.create(body.name(), body.query());
    }

    /** {name, query}. */
    record NewTopic(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                    @Bodies.Text @Bodies.Required @Size(max = 1000, message = Bodies.LONGER) String query) {
    }

    @Operation(summary = "The topics")
    @GetMapping("/api/v1/topics")
    Map<String, Object> list() {
        return Map.of("items", topics.all());
    }

    @Operation(summary = "A topic's series: inbound messages about it per bucket, negative, positive, complaints "
            + "(bucket like 5m, 1h, 1d; default from = to - 24h, to = now; every bucket listed)")
    @GetMapping("/api/v1/topics/{id}/series")
    Map<String, Object> series(@PathVariable String id, @RequestParam(defaultValue = "1h") String bucket,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Topic topic = topics.byId(Ids.require(id, "topic")).orElseThrow(() -> EarshotException.notFound("topic", id));
        Duration size;
        try {
            size = org.springframework.boot.convert.DurationStyle.detectAndParse(bucket.trim());
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid("bucket", "bucket must be a duration such as 5m, 1h or 1d");
        }
        Instant end = to == null ? clock.instant() : Bodies.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : Bodies.instant("from", from);
        return Map.of("topic", topic, "bucket", size.toString(), "items", expensive.run(() -> topics.series(topic, start, end, size)));
    }

    @Operation(summary = "Stop tracking a topic (lead)")
    @DeleteMapping("/api/v1/topics/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!topics.delete(Ids.require(id, "topic"))) {
            throw EarshotException.notFound("topic", id);
        }
    }
}
