package io.earshot.channels.internal.feed;

import io.earshot.channels.internal.OutsideAddresses;
import io.earshot.channels.internal.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * One bounded GET of a feed: conditional ({@code If-None-Match}, {@code If-Modified-Since} from the last fetch), at
 * most {@link FeedSettings#maxSize()} read, within {@link FeedSettings#timeout()}, redirects followed (up to
 * {@value #MAX_REDIRECTS}) only to http(s) addresses that resolve to public addresses, as the first one must.
 * <p>
 * The host is resolved and checked before each request and the JDK's client resolves it again to connect, so a name
 * whose answer changes between the two (DNS rebinding) is not caught; the same holds for webhook replyUrls.
 */
final class FeedFetcher {

    static final int MAX_REDIRECTS = 5;
    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

    /** What a fetch got. {@code body} is null unless the status is 200. */
    record Fetched(int status, byte[] body, String contentType, String etag, String lastModified, Optional<Instant> retryAfter,
                   URI from) {
    }

    private final FeedSettings settings;
    private final HttpClient http;

    FeedFetcher(FeedSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs {@code url}, conditionally when {@code etag} or {@code lastModified} is given; {@code now} dates a Retry-After. */
    Fetched get(URI url, String etag, String lastModified, Instant now) throws IOException, InterruptedException {
        URI at = url;
        for (int hop = 0; ; hop++) {
            OutsideAddresses.resolve(at, settings.privateAddresses(),
                    "feeds are not fetched from internal addresses (earshot.channels.feed.private-addresses)");
            HttpRequest.Builder request = HttpRequest.newBuilder(at).timeout(settings.timeout()).GET()
                    .header("User-Agent", "Earshot-Feeds/1").header("Accept", ACCEPT);
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = answer.statusCode();
            try (InputStream in = answer.body()) {
                if (status >= 300 && status < 400 && status != 304) {
                    Optional<String> location = answer.headers().firstValue("Location");
                    if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                        throw new IOException("the feed at " + url + " redirects " + (location.isEmpty() ? "nowhere (HTTP " + status + ")"
                                : "more than " + MAX_REDIRECTS + " times"));
                    }
                    at = OutsideAddresses.parse(at.resolve(location.get().strip()).toString(), "the feed's redirect",
                            "https://blog.example.com/feed.xml");
                    continue;
                }
                byte[] body = status == 200 ? bounded(in, answer, at) : null;
                return new Fetched(status, body, answer.headers().firstValue("Content-Type").orElse(null),
                        answer.headers().firstValue("ETag").orElse(null), answer.headers().firstValue("Last-Modified").orElse(null),
                        RetryAfter.at(answer.headers().firstValue("Retry-After"), now), at);
            }
        }
    }

    /** The body, or an error naming the cap when it is larger (read no further than the cap). */
    private byte[] bounded(InputStream in, HttpResponse<?> answer, URI at) throws IOException {
        long max = settings.maxSize().toBytes();
        long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
            throw tooLarge(at, max);
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw tooLarge(at, max);
        }
        return body;
    }

    private static IOException tooLarge(URI at, long max) {
        return new IOException("the feed at " + at + " is larger than " + max + " bytes (earshot.channels.feed.max-size); "
                + "it was not read");
    }
}
