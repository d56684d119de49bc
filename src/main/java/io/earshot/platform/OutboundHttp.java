package io.earshot.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Earshot's calls out to addresses other people name (alert webhooks, webhook sources' replyUrls, feeds), on Apache
 * HttpClient 5: its {@link DnsResolver} hook is what lets the connection go to exactly the addresses
 * {@link CheckedAddresses} checked, which the JDK's client cannot do. No redirects (a caller that follows them checks
 * each hop), no retries (callers retry), no cookies, no compression, a fresh connection each time (so each is
 * checked), and a call that has not finished within the timeout is cut off, reading the body included. At most
 * {@code maxBody} bytes of an answer are read (0: none, the status is all the caller wants).
 */
public final class OutboundHttp implements AutoCloseable {

    /**
     * An answer: its status, its headers, and its body (empty for none); {@code complete} false when the body was
     * larger than the caller's cap (then it is empty: nothing past the cap is read, nor kept).
     */
    public record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean complete) {

        /** The first value of the header {@code name}, whatever its case. */
        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }
    }

    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;

    /** A client connecting only where {@code resolver} answers, each call bounded by {@code timeout}. */
    public OutboundHttp(DnsResolver resolver, Duration timeout, String name) {
        this.timeout = timeout;
        Timeout t = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                        .setMaxConnPerRoute(20).setMaxConnTotal(100)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(t)
                        .setConnectionRequestTimeout(t).build())
                .setConnectionReuseStrategy((request, response, context) -> false) // each call connects, so each is checked
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** GETs {@code target} with {@code headers}. */
    public Answer get(URI target, Map<String, String> headers, long maxBody) throws IOException {
        return call(new HttpGet(target), target, headers, maxBody);
    }

    /** POSTs {@code body} of {@code contentType} to {@code target} with {@code headers}. */
    public Answer post(URI target, Map<String, String> headers, byte[] body, String contentType, long maxBody) throws IOException {
        HttpPost request = new HttpPost(target);
        request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return call(request, target, headers, maxBody);
    }

    /**
     * Makes the call. A refused address throws {@link CheckedAddresses.Refused} before anything is sent; a call cut off
     * by the timeout throws {@link HttpTimeoutException}.
     */
    private Answer call(HttpUriRequestBase request, URI target, Map<String, String> headers, long maxBody) throws IOException {
        String host = target.getHost();
        if (host == null || target.getScheme() == null) {
            throw new IllegalArgumentException("not an absolute http or https address: " + target);
        }
        headers.forEach(request::setHeader);
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            cutOff.set(true);
            request.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // the target named by host name alone (no address), so that the connection goes through the resolver
        HttpHost endpoint = new HttpHost(target.getScheme().toLowerCase(Locale.ROOT),
                host.startsWith("[") ? host.substring(1, host.length() - 1) : host, target.getPort());
        try {
            return http.execute(endpoint, request, response -> {
                List<Map.Entry<String, String>> all = new ArrayList<>();
                for (Header h : response.getHeaders()) {
                    all.add(Map.entry(h.getName(), h.getValue()));
                }
                byte[] body = body(response.getEntity(), maxBody);
                return new Answer(response.getCode(), List.copyOf(all), body == null ? new byte[0] : body, body != null);
            });
        } catch (IOException e) {
            if (cutOff.get()) {
                throw new HttpTimeoutException("the call to " + host + " took longer than " + timeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** The body, or null when it is larger than {@code max} (read no further than that). */
    private static byte[] body(HttpEntity entity, long max) throws IOException {
        if (entity == null || max == 0) {
            return new byte[0]; // 0: the caller wants the status only; the body is left unread
        }
        if (entity.getContentLength() > max) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return body.length > max ? null : body;
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
