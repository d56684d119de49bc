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

    @Operation(summary = "Track a topic (lead): {name, query, sensitivity?: low|normal|high}. The query: words, \"phrases\", #tags and @handles (whole "
            + "words, any case); channel:x, lang:xx, sentiment:negative|neutral|positive, intent:complaint|...; NOT (or -word), "
            + "AND (or words side by side), OR (or a comma), parentheses. A syntax error is a 400 naming its position. "
            + "Every inbound message is matched as it arrives; the series start with the next message")
    @PostMapping("/api/v1/topics")
    @ResponseStatus(HttpStatus.CREATED)
    Topic create(@Valid @RequestBody NewTopic body) {
        return topics.create(body.name(), body.query(), body.sensitivity());
    }

    /** {name, query, sensitivity?}. */
    record NewTopic(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                    @Bodies.Text @Bodies.Required @Size(max = 1000, message = Bodies.LONGER) String query,
                    @Bodies.Text @Size(max = 10, message = Bodies.LONGER) String sensitivity) {
    }

    @Operation(summary = "The topics")
    @GetMapping("/api/v1/topics")
    Map<String, Object> list() {
        return Map.of("items", topics.all());
    }

    @Operation(summary = "A topic's series: per bucket, inbound messages about it, negative, positive, complaints, "
            + "uniqueAuthors (estimated) and reach (followers of each message's author, summed). bucket: whole minutes such "
            + "as 1m, 5m, 1h, 1d; default from = to - 24h, to = now; buckets start on a whole multiple of their size since 1970 UTC (an hour's on the "
            + "hour, a day's at midnight UTC), from the one holding from; every bucket listed, at most 10,000. "
            + "The id 'all' gives the series of every inbound message")
    @GetMapping("/api/v1/topics/{id}/series")
    Map<String, Object> series(@PathVariable String id, @RequestParam(defaultValue = "1h") String bucket,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Topic topic = "all".equals(id) ? null : topic(id);
        Duration size;
        try {
            size = org.springframework.boot.convert.DurationStyle.detectAndParse(bucket.trim());
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid("bucket", "bucket must be a duration such as 5m, 1h or 1d");
        }
        Instant end = to == null ? clock.instant() : Bodies.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : Bodies.instant("from", from);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("topic", topic);
        out.put("bucket", size.toString());
        out.put("items", expensive.run(() -> topic == null ? topics.overall(start, end, size) : topics.series(topic, start, end, size)));
        return out;
    }

    @Operation(summary = "A topic's most recent matches, newest first (limit 1-200, default 50)")
    @GetMapping("/api/v1/topics/{id}/matches")
    Map<String, Object> matches(@PathVariable String id, @RequestParam(defaultValue = "50") Integer limit) {
        Topic topic = topic(id);
        int n = limit;
        if (n < 1 || n > 200) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 200");
        }
        return Map.of("topic", topic, "items", topics.matches(topic, n));
    }

    @Operation(summary = "What a query would match (lead): {query}; the last 50 matches among the 5,000 most recent inbound "
            + "messages, newest first, and how many were looked through; a syntax error is a 400 naming its position")
    @PostMapping("/api/v1/topics/preview")
    Topics.Preview preview(@Valid @RequestBody PreviewQuery body) {
        return expensive.run(() -> topics.preview(body.query()));
    }

    /** {query}. */
    record PreviewQuery(@Bodies.Text @Bodies.Required @Size(max = 1000, message = Bodies.LONGER) String query) {
    }

    private Topic topic(String id) {
        return topics.byId(Ids.require(id, "topic")).orElseThrow(() -> EarshotException.notFound("topic", id));
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
