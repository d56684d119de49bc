package io.earshot.alerting.internal;

import io.earshot.platform.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes webhook calls ({@link OutboundHttp}): one POST, no redirects, no retries (the deliverer retries), no cookies, a
 * fresh connection each time. Connections are opened only to the addresses {@link WebhookResolver} checked, and TLS
 * verifies the host name. A call that has not finished within {@code earshot.alerting.webhook-timeout} is cut off.
 */
@Component
public class WebhookClient implements AutoCloseable {

    private final OutboundHttp http;

    @Autowired
    WebhookClient(WebhookResolver resolver, AlertingSettings settings) {
        this(resolver, settings.webhookTimeout());
    }

    WebhookClient(DnsResolver resolver, Duration timeout) {
        this.http = new OutboundHttp(resolver, timeout, "webhook");
    }

    /**
     * POSTs a JSON {@code body} with {@code headers} to {@code target}; the answer's status code. A refused address
     * throws {@link WebhookResolver.Refused} before anything is sent; a call cut off by the timeout throws
     * {@link HttpTimeoutException}.
     */
    public int post(URI target, Map<String, String> headers, String body) throws IOException {
        return http.post(target, headers, body.getBytes(StandardCharsets.UTF_8), "application/json", 0).status();
    }

    @Override
    public void close() {
        http.close();
    }
}
