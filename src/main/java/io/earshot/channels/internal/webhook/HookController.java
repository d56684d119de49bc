package io.earshot.channels.internal.webhook;

import io.earshot.channels.AccountInbox;
import io.earshot.channels.AccountSettings;
import io.earshot.channels.ChannelAccounts;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/channel-accounts/{id}/inbound} (PRODUCT.md's path; {@code POST /hooks/{id}} is the same): a signed
 * delivery to a webhook source. The signature ({@link Signatures}) is checked over the raw body with the account's
 * secret, the timestamp must be within the window of the application clock, and the delivery id is recorded in the
 * transaction that stores its messages, so a replay stores nothing; as PRODUCT.md has it, a bad signature, a stale
 * timestamp and a reused delivery id are each a 401, told apart by the error's code ({@code unauthorized},
 * {@code stale}, {@code replayed}). The body is one message item of {@code POST /api/v1/messages}, an array of them or
 * {@code {"messages": [...]}}; an item may leave {@code channel} out (it is the account's). Each item gets a result as
 * in the API. An unknown, paused or deleted account is one answer, 404, so ids cannot be probed.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Webhook sources")
class HookController {

    private static final Logger log = LoggerFactory.getLogger(HookController.class);
    static final int MAX_DELIVERY_ID = 200;

    private final ChannelAccounts accounts;
    private final AccountInbox inbox;
    private final InboundDeliveries deliveries;
    private final MessageItemParser parser;
    private final WebhookConnector connector;
    private final WebhookSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    HookController(ChannelAccounts accounts, AccountInbox inbox, InboundDeliveries deliveries, MessageItemParser parser,
                   WebhookConnector connector, WebhookSettings settings, ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.parser = parser;
        this.connector = connector;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Thrown in the storing transaction when the delivery id is there already: the transaction rolls back. */
    private static final class Replayed extends RuntimeException {
        Replayed() {
            super("replayed delivery", null, false, false);
        }
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post messages to a webhook source, signed with its signing secret",
            description = "Headers: X-Earshot-Timestamp (unix seconds, within 5 minutes of Earshot's clock), X-Earshot-Delivery "
                    + "(your id for this delivery, at most 200 characters, the same on every retry of it) and X-Earshot-Signature: "
                    + "sha256=<hex HMAC-SHA256 of timestamp + \".\" + body under the source's secret>. Body: one message item of "
                    + "POST /api/v1/messages, an array of them or {\"messages\": [...]}; channel may be left out. 401 unsigned "
                    + "(code unauthorized), stale (code stale) or a delivery id seen before (code replayed: its messages were "
                    + "stored then, nothing is stored again); 400 unreadable, 404 no such active source, 413 too large.",
            security = {})
    @PostMapping({"/api/v1/channel-accounts/{accountId}/inbound", "/hooks/{accountId}"})
    Map<String, Object> receive(@PathVariable String accountId, HttpServletRequest request) throws IOException {
        AccountSettings account = Ids.parse(accountId).flatMap(id -> accounts.activeSettings(id, WebhookConnector.KIND))
                .orElseThrow(() -> EarshotException.notFound("webhook source", Ids.shown(accountId)));
        String timestamp = request.getHeader("X-Earshot-Timestamp");
        String signature = request.getHeader("X-Earshot-Signature");
        String delivery = request.getHeader("X-Earshot-Delivery");
        if (timestamp == null || signature == null) {
            log.info("webhook source {}: refused a request without {}", account.id(),
                    timestamp == null ? "X-Earshot-Timestamp" : "X-Earshot-Signature");
            throw unsigned();
        }
        byte[] body = request.getInputStream().readAllBytes(); // at most earshot.http.max-body-size (RequestGuard): 413 past it
        if (!Signatures.valid(WebhookConnector.key(account), timestamp, body, signature)) {
            log.info("webhook source {}: refused a request whose signature does not match its timestamp and body", account.id());
            throw unsigned();
        }
        long now = clock.millis();
        long sent = seconds(timestamp);
        long skew = Math.abs(now / 1000 - sent);
        if (skew > settings.window().toSeconds()) {
            log.info("webhook source {}: refused a signed request whose timestamp is {}s from the clock", account.id(), skew);
            throw new EarshotException(401, "stale", "X-Earshot-Timestamp is " + skew + " seconds from Earshot's clock; at most "
                    + settings.window().toSeconds() + " are allowed either way (sign each request as it is sent, with unix seconds)",
                    "X-Earshot-Timestamp");
        }
        if (delivery == null || delivery.isBlank() || delivery.length() > MAX_DELIVERY_ID
                || delivery.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw EarshotException.invalid("X-Earshot-Delivery", "X-Earshot-Delivery must name the delivery: 1 to "
                    + MAX_DELIVERY_ID + " visible ASCII characters, the same on every retry of it");
        }
        if (deliveries.seen(account.id(), delivery)) {
            throw replayed(delivery);
        }
        List<JsonNode> items = items(body);
        String channel = connector.channel(account.settings());
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        List<IncomingMessage> valid = new ArrayList<>();
        List<Map<String, Object>> validResults = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("externalId", echoed(item));
            results.add(r);
            ParsedItem parsed = parse(item, channel);
            if (parsed.ok()) {
                valid.add(parsed.message());
                validResults.add(r);
            } else {
                rejected(r, parsed.field(), parsed.error());
            }
        }
        if (valid.isEmpty()) {
            // nothing stored, so the delivery id is not spent: the sender may fix the items and send them again under it
            return Map.of("results", results);
        }
        List<IntakeResult> stored;
        try {
            stored = inbox.accept(account.id(), valid, () -> {
                if (!deliveries.record(account.id(), delivery, now)) {
                    throw new Replayed();
                }
                deliveries.prune(account.id(), now - settings.keepDeliveries().toMillis());
            });
        } catch (Replayed e) {
            throw replayed(delivery);
        }
        for (int k = 0; k < stored.size(); k++) {
            IntakeResult res = stored.get(k);
            Map<String, Object> r = validResults.get(k);
            if ("rejected".equals(res.status())) {
                rejected(r, res.field(), res.error());
            } else {
                r.put("status", res.status());
                r.put("messageId", Long.toString(res.messageId()));
                r.put("conversationId", Long.toString(res.conversationId()));
            }
        }
        return Map.of("results", results);
    }

    private static EarshotException replayed(String delivery) {
        return new EarshotException(401, "replayed", "delivery '" + delivery + "' was received before and its messages were "
                + "stored then; nothing was stored again (give each new delivery its own X-Earshot-Delivery)", "X-Earshot-Delivery");
    }

    private static EarshotException unsigned() {
        return new EarshotException(401, "unauthorized", "sign each request: X-Earshot-Timestamp (unix seconds) and "
                + "X-Earshot-Signature: sha256=<hex HMAC-SHA256 of timestamp + \".\" + body under the source's signing secret>", null);
    }

    private static long seconds(String timestamp) {
        try {
            return Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw EarshotException.invalid("X-Earshot-Timestamp", "X-Earshot-Timestamp must be unix seconds, like 1767225600");
        }
    }

    /** The items: one object, an array of them, or {@code {"messages": [...]}}. */
    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new EarshotException(400, "unreadable", "the body is not valid JSON" + where(e), null);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new EarshotException(400, "unreadable", "the body is empty", null);
        }
        JsonNode list = root.isObject() && root.has("messages") ? root.get("messages") : root;
        if (list.isArray()) {
            List<JsonNode> out = new ArrayList<>(list.size());
            list.forEach(out::add);
            return out;
        }
        if (list.isObject() && list == root) {
            return List.of(root);
        }
        throw new EarshotException(400, "unreadable", "the body must be a message object, an array of them, or {\"messages\": [...]}",
                null);
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The item with the account's channel where it names none; one naming another channel is rejected. */
    private ParsedItem parse(JsonNode item, String channel) {
        if (item instanceof ObjectNode object) {
            JsonNode given = object.get("channel");
            if (given == null || given.isNull()) {
                object.put("channel", channel);
            } else if (!given.isString() || !channel.equals(given.stringValue())) {
                return ParsedItem.rejected("channel", "this source's messages are on channel " + channel
                        + ": leave channel out or send \"" + channel + "\"");
            }
        }
        return parser.parse(item);
    }

    private static String echoed(JsonNode item) {
        JsonNode id = item == null || !item.isObject() ? null : item.get("externalId");
        if (id == null || !(id.isString() || id.isNumber())) {
            return null;
        }
        String s = id.asString();
        return s.length() > MAX_DELIVERY_ID ? s.substring(0, MAX_DELIVERY_ID) : s;
    }

    private static void rejected(Map<String, Object> r, String field, String error) {
        r.put("status", "rejected");
        r.put("error", error);
        if (field != null) {
            r.put("field", field);
        }
    }
}
