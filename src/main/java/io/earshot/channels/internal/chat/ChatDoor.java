package io.earshot.channels.internal.chat;

import io.earshot.channels.AccountInbox;
import io.earshot.channels.AccountSettings;
import io.earshot.channels.ChannelAccounts;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Texts;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What a chat visitor may do, each step checked: start a chat from an allowed site, send lines (into the desk, with
 * their transcript line in the same transaction), read their chat again and listen for replies. Every request with a
 * token checks that the token is this chat's, not expired, and that its site is still allowed.
 */
@Service
class ChatDoor {

    static final int HISTORY = 200;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ChannelAccounts accounts;
    private final ChatVisitors visitors;
    private final Transcript transcript;
    private final AccountInbox inbox;
    private final LiveChats live;
    private final IdGenerator ids;
    private final Clock clock;
    private final ChatSettings settings;
    private final Buckets perVisitor;
    private final Buckets perAddress;
    private final Buckets newPerAddress;

    ChatDoor(ChannelAccounts accounts, ChatVisitors visitors, Transcript transcript, AccountInbox inbox, LiveChats live,
             IdGenerator ids, Clock clock, ChatSettings settings) {
        this.accounts = accounts;
        this.visitors = visitors;
        this.transcript = transcript;
        this.inbox = inbox;
        this.live = live;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.perVisitor = new Buckets(clock, settings.visitorMessages(), settings.visitorWindow());
        this.perAddress = new Buckets(clock, settings.addressMessages(), settings.addressWindow());
        this.newPerAddress = new Buckets(clock, settings.addressVisitors(), settings.visitorsWindow());
    }

    /** A chat account, active, with its allowed sites. */
    record Chat(AccountSettings account, AllowedOrigins origins) {

        String title() {
            return account.setting("title", "Chat with us");
        }

        String greeting() {
            return account.setting("greeting", "");
        }
    }

    /** Too many requests: try again in {@code seconds}. */
    static final class TooFast extends RuntimeException {
        private final long seconds;

        TooFast(String message, long seconds) {
            super(message);
            this.seconds = seconds;
        }

        long seconds() {
            return seconds;
        }
    }

    Chat chat(long accountId) {
        AccountSettings account = accounts.activeSettings(accountId, ChatConnector.KIND)
                .orElseThrow(() -> EarshotException.notFound("chat", Long.toString(accountId)));
        return new Chat(account, AllowedOrigins.parse(account.setting(AllowedOrigins.SETTING, "")));
    }

    /** The chat, when {@code origin} is one of its sites; else 403. */
    Chat chatFor(long accountId, String origin) {
        Chat chat = chat(accountId);
        if (!chat.origins().allows(origin)) {
            throw new EarshotException(403, "origin_not_allowed", "this chat is not offered on " + (origin == null ? "an unnamed site"
                    : "'" + origin + "'") + "; its allowed origins are set on the chat account", null);
        }
        return chat;
    }

    /** Starts a visitor's chat from {@code origin}; their email counts as theirs only when the site signed it. */
    ChatView.NewVisitor start(long accountId, String origin, String name, String email, String hash, String address) {
        Chat chat = chatFor(accountId, origin);
        limit(newPerAddress, "start " + address, "more than " + settings.addressVisitors() + " new chats from one address in "
                + settings.visitorsWindow());
        String shown = optional("name", name, 200);
        String mail = optional("email", email, 320);
        if (mail != null && !mail.contains("@")) {
            throw EarshotException.invalid("email", "email must be an address, like ann@example.com");
        }
        boolean verified = IdentityCheck.verified(chat.account().secret(IdentityCheck.SECRET), mail, hash);
        long id = ids.nextId();
        String token = visitors.create(id, accountId, AllowedOrigins.canonical(origin).orElseThrow(), shown, mail, verified,
                clock.millis());
        return new ChatView.NewVisitor(token, Long.toString(id), verified, settings.visitorIdle().toSeconds());
    }

    /**
     * The visitor {@code token} names, on chat {@code accountId}: refused when the token is unknown, another chat's or
     * expired, when its site is no longer allowed, or when the request comes from a page that is neither Earshot's
     * frame ({@code host}) nor an allowed site.
     */
    ChatVisitors.Visitor visitor(long accountId, String token, String requestOrigin, String host) {
        Chat chat = chat(accountId);
        ChatVisitors.Visitor v = visitors.byToken(token).orElseThrow(() -> refused("this chat token is not known; start a new chat"));
        if (v.accountId() != accountId) {
            throw refused("this chat token belongs to another chat");
        }
        long now = clock.millis();
        if (now - v.lastSeenAt() > settings.visitorIdle().toMillis()) {
            throw refused("this chat token expired after " + settings.visitorIdle().toDays() + " days unused; start a new chat");
        }
        if (!chat.origins().allows(v.origin())) {
            throw new EarshotException(403, "origin_not_allowed", "this chat is no longer offered on " + v.origin(), null);
        }
        if (requestOrigin != null && !chat.origins().allows(requestOrigin) && !sameHost(requestOrigin, host)) {
            throw new EarshotException(403, "origin_not_allowed", "requests from '" + requestOrigin + "' are not allowed", null);
        }
        visitors.seen(v, now);
        return v;
    }

    /**
     * Stores a visitor's line and hands it to the desk, in one transaction; a line resent with the same
     * {@code clientId} (its answer was lost) is the first one, not a second.
     */
    ChatView.LineView say(ChatVisitors.Visitor v, String text, String clientId, String address) {
        if (text == null || text.isBlank()) {
            throw EarshotException.invalid("text", "text is required");
        }
        if (text.codePointCount(0, text.length()) > settings.maxTextChars()) {
            throw EarshotException.invalid("text", "a chat line has at most " + settings.maxTextChars() + " characters");
        }
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw EarshotException.invalid("id", "id must be 1 to 64 letters, digits, '-' or '_'");
        }
        String key = "chat-" + v.id() + "-" + (clientId != null ? clientId : UUID.randomUUID().toString());
        java.util.Optional<Transcript.Line> again = transcript.byKey(key);
        if (again.isPresent()) {
            return ChatView.LineView.of(again.get());
        }
        limit(perVisitor, "visitor " + v.id(), "more than " + settings.visitorMessages() + " lines in " + settings.visitorWindow());
        limit(perAddress, "address " + address, "more than " + settings.addressMessages() + " lines from one address in "
                + settings.addressWindow());
        long now = clock.millis();
        Transcript.Line line = new Transcript.Line(ids.nextId(), v.id(), false, key, Texts.storable(text.strip()), now);
        String parent = transcript.latest(v.id(), 1).stream().map(Transcript.Line::key).findFirst().orElse(null);
        IncomingMessage message = new IncomingMessage("chat", key, true, author(v), line.text(), clock.instant(), parent, true, null);
        List<IntakeResult> results = inbox.accept(v.accountId(), List.of(message), () -> transcript.add(line));
        IntakeResult result = results.get(0);
        if ("rejected".equals(result.status())) {
            throw EarshotException.invalid(result.field(), result.error());
        }
        Transcript.Line stored = transcript.byKey(key).orElseThrow();
        ChatView.LineView view = ChatView.LineView.of(stored);
        live.push(v.id(), view);
        return view;
    }

    ChatView.History history(ChatVisitors.Visitor v) {
        return ChatView.History.of(transcript.latest(v.id(), HISTORY));
    }

    /**
     * Who wrote: the visitor's handle, their name, and their email as an identity only when the site vouched for it
     * (HMAC); an email a visitor typed is shown with the name, marked unverified, and joins no customer.
     */
    static IncomingMessage.Author author(ChatVisitors.Visitor v) {
        if (v.email() == null || v.emailVerified()) {
            return new IncomingMessage.Author(v.handle(), v.name(), v.email(), null, null);
        }
        String hint = (v.name() == null ? "" : v.name() + " ") + "<" + v.email() + ", unverified>";
        return new IncomingMessage.Author(v.handle(), hint.length() > 200 ? hint.substring(0, 200) : hint, null, null, null);
    }

    private static void limit(Buckets buckets, String key, String what) {
        long wait = buckets.take(key);
        if (wait > 0) {
            throw new TooFast(what + "; try again in " + wait + " s", wait);
        }
    }

    private static EarshotException refused(String message) {
        return new EarshotException(401, "unauthorized", message, null);
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = Texts.problem(value);
        if (problem != null) {
            throw EarshotException.invalid(field, field + " " + problem);
        }
        if (value.length() > max) {
            throw EarshotException.invalid(field, field + " has at most " + max + " characters");
        }
        return value.strip();
    }

    /** Whether {@code origin} is this server's own (the chat frame's), by the request's Host. */
    static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        int at = origin.indexOf("://");
        return at > 0 && origin.substring(at + 3).equalsIgnoreCase(host);
    }
}
