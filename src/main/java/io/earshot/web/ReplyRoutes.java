package io.earshot.web;

import io.earshot.channels.ChannelAccount;
import io.earshot.channels.ChannelAccounts;
import io.earshot.channels.MailOriginals;
import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ReplyRoute;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What the conversation page shows of channels: where a reply can go, and the attachments of mails. */
@Component
class ReplyRoutes {

    /**
     * One way to answer, as the composer offers it.
     *
     * @param replyTo  the message the reply answers
     * @param label    channel, recipient and account, for the agent
     * @param limit    the longest reply the channel takes, 0 for no limit
     * @param selected whether this is where the reply goes
     */
    record Option(String replyTo, String label, int limit, boolean selected) {
    }

    private final ChannelAccounts accounts;
    private final MailOriginals originals;

    ReplyRoutes(ChannelAccounts accounts, MailOriginals originals) {
        this.accounts = accounts;
        this.originals = originals;
    }

    /** The routes with {@code replyTo} selected, or the first (the customer's newest message) when it is not one. */
    List<Option> options(List<ReplyRoute> routes, String replyTo) {
        boolean known = replyTo != null && routes.stream().anyMatch(r -> r.replyTo().equals(replyTo));
        Map<String, String> names = new HashMap<>();
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            ReplyRoute r = routes.get(i);
            StringBuilder label = new StringBuilder(r.channel());
            if (r.recipient() != null) {
                label.append(" to ").append(r.recipient());
            }
            if (r.accountId() != null) {
                label.append(" via ").append(names.computeIfAbsent(r.accountId(), this::accountName));
            }
            label.append(r.publicChannel() ? " (public)" : " (private)");
            if (r.replyLimit() > 0) {
                label.append(", up to ").append(r.replyLimit()).append(" characters");
            }
            out.add(new Option(r.replyTo(), label.toString(), r.replyLimit(), known ? r.replyTo().equals(replyTo) : i == 0));
        }
        return out;
    }

    /**
     * True when the conversation has messages from the customer but no way to answer them: all were heard from a
     * source Earshot only listens to (a feed), so the composer offers no reply.
     */
    static boolean listenOnly(ConversationDetail detail) {
        return detail.routes().isEmpty() && detail.messages().stream().anyMatch(m -> "inbound".equals(m.direction()));
    }

    private String accountName(String id) {
        return Ids.parse(id).flatMap(accounts::byId).map(ChannelAccount::name).orElse("account " + id);
    }

    /** The name of the account of each message that has one, by account id. */
    Map<String, String> accountNames(List<ConversationDetail.MessageView> messages) {
        Map<String, String> out = new HashMap<>();
        for (ConversationDetail.MessageView m : messages) {
            if (m.accountId() != null) {
                out.computeIfAbsent(m.accountId(), this::accountName);
            }
        }
        return out;
    }

    /** The attachments of each message that came in by email and has its original stored, by message id. */
    Map<String, List<MailOriginals.Attachment>> attachments(List<ConversationDetail.MessageView> messages) {
        Map<String, List<MailOriginals.Attachment>> out = new LinkedHashMap<>();
        for (ConversationDetail.MessageView m : messages) {
            if ("inbound".equals(m.direction()) && m.accountId() != null && "email".equals(m.channel())) {
                try {
                    out.put(m.id(), originals.attachments(Long.parseLong(m.id())));
                } catch (EarshotException e) {
                    out.put(m.id(), null); // no original kept: nothing to list
                }
            }
        }
        return out;
    }
}
