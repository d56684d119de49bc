package io.earshot.alerting.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes webhook calls: one POST, no redirects, no retries (the deliverer retries), no cookies, a fresh connection
 * each time. Connections are opened only to the addresses {@link WebhookResolver} checked, and TLS verifies the host
 * name. A call that has not finished within {@code earshot.alerting.webhook-timeout} is cut off.
 */
@Component
public class WebhookClient implements AutoCloseable {

    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;

    @Autowired
    WebhookClient(WebhookResolver resolver, AlertingSettings settings) {
        this(resolver, settings.webhookTimeout());
    }

    WebhookClient(DnsResolver resolver, Duration timeout) {
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
            Thread thread = new Thread(r, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * POSTs a JSON {@code body} with {@code headers} to {@code target}; the answer's status code. A refused address
     * throws {@link WebhookResolver.Refused} before anything is sent; a call cut off by the timeout throws
     * {@link HttpTimeoutException}.
     */
    public int post(URI target, Map<String, String> headers, String body) throws IOException {
        String host = target.getHost();
        if (host == null || target.getScheme() == null) {
            throw new IllegalArgumentException("not an absolute http or https address: " + target);
        }
        HttpPost request = new HttpPost(target);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.create("application/json")));
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            cutOff.set(true);
            request.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // the target named by host name alone (no address), so that the connection goes through the resolver
        HttpHost endpoint = new HttpHost(target.getScheme(), host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                target.getPort());
        try {
            return http.execute(endpoint, request, response -> response.getCode());
        } catch (IOException e) {
            if (cutOff.get()) {
                throw new HttpTimeoutException("request timed out");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
