package io.earshot.web;

import io.earshot.channels.MailOriginals;
import io.earshot.conversation.ConversationQueries;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A mail's original and its attachments, for agents at the desk. Both are the sender's bytes: the original is plain
 * text in a sandbox, attachments are downloads, so nothing a customer sent is rendered by the desk's browser.
 */
@Controller
class MailFilesPage {

    private final MailOriginals originals;
    private final ConversationQueries conversations;

    MailFilesPage(MailOriginals originals, ConversationQueries conversations) {
        this.originals = originals;
        this.conversations = conversations;
    }

    @GetMapping("/conversations/{id}/messages/{messageId}/original")
    ResponseEntity<byte[]> original(@PathVariable String id, @PathVariable String messageId) {
        byte[] raw = originals.original(of(id, messageId));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(raw);
    }

    @GetMapping("/conversations/{id}/messages/{messageId}/attachments/{n}")
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String messageId, @PathVariable int n) {
        MailOriginals.File f = originals.attachment(of(id, messageId), n);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(f.name().replaceAll("[\\p{Cntrl}\"\\\\/]", "_"), StandardCharsets.UTF_8).build().toString())
                .body(f.bytes());
    }

    /** The message, when it belongs to the conversation in the address (so links cannot wander between cases). */
    private long of(String id, String messageId) {
        long conversation = Ids.require(id, "conversation");
        long message = Ids.require(messageId, "message");
        boolean belongs = conversations.detail(Long.toString(conversation)).messages().stream()
                .anyMatch(m -> m.id().equals(Long.toString(message)));
        if (!belongs) {
            throw EarshotException.notFound("message", messageId);
        }
        return message;
    }
}
