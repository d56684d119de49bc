package io.earshot.channels.internal.chat;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Check;
import io.earshot.channels.Connector;
import io.earshot.channels.Setting;
import io.earshot.channels.SourceTask;
import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.IdGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The web chat on the company's own site: a widget (one script tag) opens a frame served by Earshot in which a
 * visitor chats with the desk. Visitors push their lines to Earshot ({@link ChatController}); an agent's reply is
 * added to the visitor's transcript and pushed to their open frames.
 */
@Component
class ChatConnector implements Connector {

    static final String KIND = "chat";
    static final ChannelTraits TRAITS = new ChannelTraits("chat", false, 0, false, List.of("the visitor's open chat"));

    private final ChatVisitors visitors;
    private final Transcript transcript;
    private final LiveChats live;
    private final IdGenerator ids;
    private final Clock clock;

    ChatConnector(ChatVisitors visitors, Transcript transcript, LiveChats live, IdGenerator ids, Clock clock) {
        this.visitors = visitors;
        this.transcript = transcript;
        this.live = live;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ChannelTraits traits() {
        return TRAITS;
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(AllowedOrigins.SETTING, "the sites the chat may be embedded in, comma-separated exact "
                        + "origins (scheme://host[:port])", "https://shop.example.com,https://www.example.com"),
                Setting.optional("title", "the heading of the chat frame", "Ask us anything"),
                Setting.optional("greeting", "the first line a visitor sees, before anyone writes", "Hi! How can we help?"),
                Setting.secret(IdentityCheck.SECRET, false, "signs the email of a signed-in visitor: the site puts "
                        + "hex(HMAC-SHA256(identitySecret, email)) in the widget's data-hash"));
    }

    @Override
    public void validate(AccountSettings account) {
        AllowedOrigins.parse(account.setting(AllowedOrigins.SETTING, ""));
    }

    @Override
    public Check check(AccountSettings account) {
        try {
            AllowedOrigins origins = AllowedOrigins.parse(account.setting(AllowedOrigins.SETTING, ""));
            return Check.ok("visitors may chat from " + origins + (account.secret(IdentityCheck.SECRET) == null ? ""
                    : "; signed-in visitors' emails are checked by their HMAC"));
        } catch (RuntimeException e) {
            return Check.failed(e.getMessage());
        }
    }

    @Override
    public Optional<SourceTask> newTask(AccountSettings account) {
        return Optional.empty();
    }

    /** Adds the reply to the visitor's chat once per idempotency key, and pushes it to their open frames. */
    @Override
    public String send(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        ChatVisitors.Visitor visitor = ChatVisitors.idOf(outgoing.recipientHandle()).flatMap(visitors::byId)
                .filter(v -> v.accountId() == account.id())
                .orElseThrow(() -> new OutboundConnector.Refused("no chat visitor " + outgoing.recipientHandle()
                        + " on chat account " + account.id()));
        Transcript.Line line = transcript.add(new Transcript.Line(ids.nextId(), visitor.id(), true, outgoing.idempotencyKey(),
                outgoing.text(), clock.millis()));
        live.push(visitor.id(), ChatView.LineView.of(line));
        return providerId(line);
    }

    @Override
    public Optional<String> alreadyDelivered(AccountSettings account, OutboundConnector.Outgoing outgoing) {
        return transcript.byKey(outgoing.idempotencyKey()).map(ChatConnector::providerId);
    }

    private static String providerId(Transcript.Line line) {
        return "chat-line-" + line.id();
    }
}
