package io.earshot.channels.internal.webhook;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Check;
import io.earshot.channels.Connector;
import io.earshot.channels.Setting;
import io.earshot.channels.internal.RetryAfter;
import io.earshot.channels.SourceTask;
import io.earshot.ingest.Channel;
import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.CheckedAddresses;
import io.earshot.platform.EarshotException;
import io.earshot.platform.OutboundHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A generic source any system (a shop, a status page, a form) posts messages to: {@code POST /api/v1/channel-accounts/{id}/inbound},
 * signed with the account's secret ({@link HookController}). Its messages are on the channel the account names
 * ("other" unless set), with that channel's traits, so {@link #traits()} describes the default channel "other" only
 * (with the same traits the listed "other" has). Replies go to the account's replyUrl, signed the same way, with
 * {@code Idempotency-Key} so the receiver can drop a repeat.
 */
@Component
class WebhookConnector implements Connector, AutoCloseable {

    static final String KIND = "webhook";
    static final int MIN_SECRET = 16;
    /** The secret's name (PRODUCT.md's {@code secrets: {secret}}); accounts made before session 10 stored it as LEGACY. */
    static final String SECRET = "secret";
    private static final String LEGACY = "signingSecret";
    /** What is read of a receiver's answer, for its {@code id}. */
    private static final long MAX_ANSWER = 100_000;
    private static final ChannelTraits OTHER = new ChannelTraits("other", true, 0, false, List.of("in reply to the parent post"));

    private final WebhookSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final OutboundHttp http;

    WebhookConnector(WebhookSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        // connects only to addresses checked at connection time (no DNS rebinding between the check and the call)
        this.http = new OutboundHttp(new CheckedAddresses(settings.privateAddresses(), "earshot.channels.webhook.private-addresses"),
                settings.timeout(), "webhook-replies");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ChannelTraits traits() {
        return OTHER;
    }

    @Override
    public String channel(Map<String, String> settings) {
        String c = settings.get("channel");
        return c == null || c.isBlank() ? OTHER.channel() : c.strip();
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.optional("channel", "the channel its messages are on: one of " + Channel.wireNames() + " (default other)",
                        "other"),
                Setting.optional("replyUrl", "where agents' replies are POSTed, signed with the signing secret; none: replies "
                        + "cannot be sent", "https://shop.example.com/earshot/replies"),
                Setting.secret(SECRET, true, "the HMAC-SHA256 key the sender signs with (at least " + MIN_SECRET
                        + " characters), and replies are signed with"));
    }

    @Override
    public Map<String, String> current(Map<String, String> secrets) {
        if (!secrets.containsKey(LEGACY)) {
            return secrets;
        }
        Map<String, String> renamed = new LinkedHashMap<>(secrets);
        String old = renamed.remove(LEGACY);
        renamed.putIfAbsent(SECRET, old);
        return renamed;
    }

    /** The key requests from and replies to this source are signed with. */
    static String key(AccountSettings account) {
        String secret = account.secret(SECRET);
        return secret != null ? secret : account.secret(LEGACY);
    }

    @Override
    public void validate(AccountSettings account) {
        String channel = account.settings().get("channel");
        if (channel != null && !channel.isBlank() && Channel.fromWire(channel.strip()).isEmpty()) {
            throw EarshotException.invalid("settings.channel", "channel must be one of " + Channel.wireNames());
        }
        String url = account.settings().get("replyUrl");
        if (url != null && !url.isBlank()) {
            try {
                ReplyAddresses.parse(url);
            } catch (IllegalArgumentException e) {
                throw EarshotException.invalid("settings.replyUrl", e.getMessage());
            }
        }
        String secret = key(account);
        if (secret == null || secret.length() < MIN_SECRET) {
            throw EarshotException.invalid("secrets." + SECRET, SECRET + " must have at least " + MIN_SECRET
                    + " characters (a random one: openssl rand -hex 32)");
        }
    }

    @Override
    public Check check(AccountSettings account) {
        try {
            validate(account);
        } catch (EarshotException e) {
            return Check.failed(e.getMessage());
        }
        String where = "signed messages are taken at POST /api/v1/channel-accounts/" + account.id() + "/inbound" + " on channel " + channel(account.settings());
        String url = account.settings().get("replyUrl");
        if (url == null || url.isBlank()) {
            return Check.ok(where + "; no replyUrl, so replies cannot be sent");
        }
        try {
            InetAddress[] found = ReplyAddresses.resolve(ReplyAddresses.parse(url), settings.privateAddresses());
            return Check.ok(where + "; replies go to " + url + " (" + Arrays.stream(found).map(InetAddress::getHostAddress)
                    .distinct().collect(Collectors.joining(", ")) + ")");
        } catch (IOException e) {
            return Check.failed("replyUrl cannot be used: " + e.getMessage());
        }
    }

    @Override
    public Optional<SourceTask> newTask(AccountSettings account) {
        return Optional.empty(); // pushed to: nothing to run
    }

    /**
     * POSTs the reply to the account's replyUrl: 2xx delivered (the receiver's {@code id}, else the idempotency key),
     * 429 waits as long as its Retry-After asks, another 4xx refuses for good, 5xx, 3xx and failures to connect are
     * retried by the outbox. The receiver gets the same Idempotency-Key on every attempt.
     */
    @Override
    public String send(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        String url = account.settings().get("replyUrl");
        if (url == null || url.isBlank()) {
            throw new OutboundConnector.Refused("webhook source '" + account.name() + "' has no replyUrl to send replies to");
        }
        URI uri = ReplyAddresses.parse(url);
        try {
            ReplyAddresses.resolve(uri, settings.privateAddresses());
        } catch (java.net.UnknownHostException e) {
            throw new IOException("replyUrl cannot be used: " + e.getMessage(), e); // retried: DNS may come back
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", Long.toString(outgoing.messageId()));
        payload.put("inReplyTo", outgoing.inReplyToExternalId());
        payload.put("recipient", outgoing.recipientHandle());
        payload.put("text", outgoing.text());
        payload.put("private", outgoing.privateMessage());
        byte[] body = json.writeValueAsBytes(payload);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Earshot-Webhooks/1");
        headers.put("Idempotency-Key", outgoing.idempotencyKey());
        headers.put("X-Earshot-Delivery", outgoing.idempotencyKey());
        headers.put("X-Earshot-Timestamp", timestamp);
        headers.put("X-Earshot-Signature", Signatures.sign(key(account), timestamp, body));
        OutboundHttp.Answer answer = http.post(uri, headers, body, "application/json", MAX_ANSWER);
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return receiverId(answer.complete() ? new String(answer.body(), StandardCharsets.UTF_8) : null)
                    .orElse(outgoing.idempotencyKey());
        }
        if (status == 429) {
            throw new OutboundConnector.RateLimited("the receiver answered 429", RetryAfter.at(answer.header("Retry-After"), clock.instant()).orElse(null));
        }
        if (status >= 400 && status < 500) {
            throw new OutboundConnector.Refused("the receiver at " + uri.getHost() + " refused the reply: HTTP " + status);
        }
        throw new IOException("the receiver at " + uri.getHost() + " answered HTTP " + status); // retried
    }

    /** The receiver's {@code {"id": ...}} where it answered one (at most 200 characters). */
    private Optional<String> receiverId(String body) {
        if (body == null || body.isBlank() || body.length() > 100_000) {
            return Optional.empty();
        }
        try {
            JsonNode id = json.readTree(body).get("id");
            if (id != null && (id.isString() || id.isIntegralNumber())) {
                String s = id.asString();
                return s.isBlank() || s.length() > 200 ? Optional.empty() : Optional.of(s);
            }
        } catch (RuntimeException e) {
            // not JSON: the idempotency key names the delivery
        }
        return Optional.empty();
    }
}
