package io.earshot.channels.internal.feed;

import io.earshot.channels.internal.OutsideAddresses;
import io.earshot.channels.internal.RetryAfter;
import io.earshot.platform.CheckedAddresses;
import io.earshot.platform.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One bounded GET of a feed: conditional ({@code If-None-Match}, {@code If-Modified-Since} from the last fetch), at
 * most {@link FeedSettings#maxSize()} read, within {@link FeedSettings#timeout()}, redirects followed (up to
 * {@value #MAX_REDIRECTS}) only to http(s) addresses that resolve to public addresses, as the first one must.
 * <p>
 * The host is checked before each request (for a clear error) and again as the connection is made, which goes to
 * exactly the addresses that check passed ({@link CheckedAddresses}), so a name whose answer changes between the two
 * (DNS rebinding) cannot lead the fetch inside Earshot's network.
 */
final class FeedFetcher implements AutoCloseable {

    static final int MAX_REDIRECTS = 5;
    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

    /** What a fetch got. {@code body} is null unless the status is 200. */
    record Fetched(int status, byte[] body, String contentType, String etag, String lastModified, Optional<Instant> retryAfter,
                   URI from) {
    }

    private final FeedSettings settings;
    private final OutboundHttp http;

    FeedFetcher(FeedSettings settings) {
        this.settings = settings;
        this.http = new OutboundHttp(new CheckedAddresses(settings.privateAddresses(), "earshot.channels.feed.private-addresses"),
                settings.timeout(), "feeds");
    }

    @Override
    public void close() {
        http.close();
    }

    /** GETs {@code url}, conditionally when {@code etag} or {@code lastModified} is given; {@code now} dates a Retry-After. */
    Fetched get(URI url, String etag, String lastModified, Instant now) throws IOException, InterruptedException {
        URI at = url;
        for (int hop = 0; ; hop++) {
            OutsideAddresses.resolve(at, settings.privateAddresses(),
                    "feeds are not fetched from internal addresses (earshot.channels.feed.private-addresses)");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", "Earshot-Feeds/1");
            headers.put("Accept", ACCEPT);
            if (etag != null) {
                headers.put("If-None-Match", etag);
            }
            if (lastModified != null) {
                headers.put("If-Modified-Since", lastModified);
            }
            long max = settings.maxSize().toBytes();
            OutboundHttp.Answer answer = http.get(at, headers, max);
            int status = answer.status();
            if (status >= 300 && status < 400 && status != 304) {
                Optional<String> location = answer.header("Location");
                if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                    throw new IOException("the feed at " + url + " redirects " + (location.isEmpty() ? "nowhere (HTTP " + status + ")"
                            : "more than " + MAX_REDIRECTS + " times"));
                }
                at = OutsideAddresses.parse(at.resolve(location.get().strip()).toString(), "the feed's redirect",
                        "https://blog.example.com/feed.xml");
                continue;
            }
            if (status == 200 && !answer.complete()) {
                throw new IOException("the feed at " + at + " is larger than " + max + " bytes (earshot.channels.feed.max-size); "
                        + "it was not read");
            }
            return new Fetched(status, status == 200 ? answer.body() : null, answer.header("Content-Type").orElse(null),
                    answer.header("ETag").orElse(null), answer.header("Last-Modified").orElse(null),
                    RetryAfter.at(answer.header("Retry-After"), now), at);
        }
    }
}
