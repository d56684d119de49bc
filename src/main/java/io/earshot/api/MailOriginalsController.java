package io.earshot.api;

import io.earshot.channels.MailOriginals;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mail's original and attachments (agents). Both are the sender's bytes: the original is served as plain text and
 * attachments as downloads (octet-stream, attachment disposition), never rendered by the browser.
 */
@RestController
@Tag(name = "Messages")
class MailOriginalsController {

    private final MailOriginals originals;

    MailOriginalsController(MailOriginals originals) {
        this.originals = originals;
    }

    @Operation(summary = "The original of a message that came in by email, as received (text/plain, headers included)")
    @GetMapping("/api/v1/messages/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable String id) {
        byte[] raw = originals.original(Ids.require(id, "message"));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(raw);
    }

    @Operation(summary = "The attachments of a message that came in by email: index, name, type and size")
    @GetMapping("/api/v1/messages/{id}/attachments")
    Map<String, List<MailOriginals.Attachment>> attachments(@PathVariable String id) {
        return Map.of("items", originals.attachments(Ids.require(id, "message")));
    }

    @Operation(summary = "Download attachment n (from 0) of a message that came in by email")
    @GetMapping("/api/v1/messages/{id}/attachments/{n}")
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable int n) {
        MailOriginals.File f = originals.attachment(Ids.require(id, "message"), n);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(f.name().replaceAll("[\\p{Cntrl}\"\\\\/]", "_"), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(f.bytes());
    }
}
