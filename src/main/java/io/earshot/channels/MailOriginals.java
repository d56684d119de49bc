package io.earshot.channels;

import io.earshot.channels.internal.email.EmailOriginals;
import io.earshot.conversation.ConversationQueries;
import io.earshot.platform.EarshotException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The original of a message that came in by email, as received (headers, quotes, signature), and its attachments.
 * Only messages heard on an email account have one.
 */
@Service
public class MailOriginals {

    /** An attachment of a mail: its position (from 0), name, type and size in bytes. */
    public record Attachment(int index, String name, String type, long size) {
    }

    /** An attachment's bytes, with the name and type the mail gave it. */
    public record File(String name, String type, byte[] bytes) {
    }

    private final ConversationQueries queries;
    private final EmailOriginals originals;
    private final io.earshot.channels.internal.email.MailParts parts;

    MailOriginals(ConversationQueries queries, EmailOriginals originals, io.earshot.channels.internal.email.MailParts parts) {
        this.queries = queries;
        this.originals = originals;
        this.parts = parts;
    }

    /** The raw mail of message {@code messageId}; 404 when the message or its original is not stored. */
    public byte[] original(long messageId) {
        ConversationQueries.MessageSource s = queries.source(messageId).orElseThrow(() ->
                EarshotException.notFound("message", Long.toString(messageId)));
        Optional<byte[]> raw = s.accountId() == null || !"email".equals(s.channel()) ? Optional.empty()
                : originals.raw(s.accountId(), s.externalId());
        return raw.orElseThrow(() -> EarshotException.notFound("original mail of message", Long.toString(messageId)));
    }

    public List<Attachment> attachments(long messageId) {
        return parts.list(original(messageId));
    }

    /** Attachment {@code n} of message {@code messageId}; 404 when there is none. */
    public File attachment(long messageId, int n) {
        return parts.file(original(messageId), n).orElseThrow(() ->
                EarshotException.notFound("attachment " + n + " of message", Long.toString(messageId)));
    }
}
