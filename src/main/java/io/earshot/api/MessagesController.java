package io.earshot.api;

import io.earshot.conversation.Intake;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import io.earshot.ingest.IngestSettings;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.platform.EarshotException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/messages}: one object, an array, or NDJSON. Every item gets a result; a bad item is
 * rejected naming its field while the others are stored; 400 only when the body cannot be read at all.
 */
@RestController
@Tag(name = "Messages")
class MessagesController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessagesController.class);

    private final Intake intake;
    private final MessageItemParser parser;
    private final IngestSettings settings;
    private final ObjectMapper json;

    MessagesController(Intake intake, MessageItemParser parser, IngestSettings settings, ObjectMapper json) {
        this.intake = intake;
        this.parser = parser;
        this.settings = settings;
        this.json = json;
    }

    @Operation(summary = "Send messages in: one object, an array, or NDJSON", description = "Each item gets a result in order: created, duplicate ((channel, externalId) seen before: nothing is stored twice) or rejected with the field at fault; the other items are stored. 400 only when the body cannot be read at all, 413 when it is larger than earshot.ingest.max-body-size.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {@Content(mediaType = "application/json", examples = {@ExampleObject(name = "one message", value = Examples.MESSAGE), @ExampleObject(name = "an array (email thread with our reply)", value = Examples.MESSAGES)}), @Content(mediaType = "application/x-ndjson", examples = @ExampleObject(name = "NDJSON", value = Examples.NDJSON))}), responses = {@ApiResponse(responseCode = "200", description = "per-item results", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.MESSAGE_RESULTS))), @ApiResponse(responseCode = "400", description = "unreadable body", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "413", description = "body too large", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping(value = "/api/v1/messages")
    Map<String, Object> post(HttpServletRequest request) throws IOException {
        long max = settings.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        byte[] body = read(request.getInputStream(), max);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        List<JsonNode> nodes = new ArrayList<>();
        List<ParsedItem> unreadable = new ArrayList<>();
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")) {
            readLines(body, nodes, unreadable);
        } else if (type.isEmpty() || type.contains("json")) {
            JsonNode root;
            try {
                root = json.readTree(body);
            } catch (JacksonException e) {
                throw new EarshotException(400, "unreadable", "the body is not valid JSON: " + brief(e), null);
            }
            if (root == null || root.isMissingNode()) {
                throw new EarshotException(400, "unreadable", "the body is empty", null);
            }
            if (root.isArray()) {
                root.forEach(nodes::add);
            } else if (root.isObject()) {
                nodes.add(root);
            } else {
                throw new EarshotException(400, "unreadable", "the body must be a message object, an array of them, or NDJSON", null);
            }
            nodes.forEach(n -> unreadable.add(null));
        } else {
            throw new EarshotException(415, "unsupported_media_type",
                    "send application/json (an object or an array) or application/x-ndjson", null);
        }
        List<Map<String, Object>> results = new ArrayList<>(nodes.size());
        List<IncomingMessage> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ParsedItem parsed = unreadable.get(i) != null ? unreadable.get(i) : parser.parse(nodes.get(i));
            JsonNode node = nodes.get(i);
            String externalId = echoedId(node);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("externalId", externalId);
            results.add(r);
            if (parsed.ok()) {
                valid.add(parsed.message());
                validIndex.add(i);
            } else {
                reject(r, parsed.field(), parsed.error());
            }
        }
        int batch = Math.max(1, settings.batchSize());
        for (int from = 0; from < valid.size(); from += batch) {
            int to = Math.min(valid.size(), from + batch);
            List<IntakeResult> out = store(valid.subList(from, to));
            for (int k = 0; k < out.size(); k++) {
                IntakeResult res = out.get(k);
                Map<String, Object> r = results.get(validIndex.get(from + k));
                if ("rejected".equals(res.status())) {
                    reject(r, res.field(), res.error());
                } else {
                    r.put("status", res.status());
                    r.put("messageId", Long.toString(res.messageId()));
                    r.put("conversationId", Long.toString(res.conversationId()));
                }
            }
        }
        return Map.of("results", results);
    }

    /**
     * Stores one batch. Every item was validated, so a batch the database refuses holds an item nobody foresaw:
     * rather than failing its valid siblings (a client retrying on 5xx would retry the poison batch forever), the
     * batch is split in halves until the item the database refuses stands alone and is rejected. Each attempt is its own
     * transaction, so nothing from the failed batch was stored and nothing is stored twice. A database that is
     * down or too slow still fails the request (503), since every item would fail the same way.
     */
    private List<IntakeResult> store(List<IncomingMessage> batch) {
        try {
            return intake.accept(batch);
        } catch (org.springframework.dao.TransientDataAccessException | org.springframework.dao.DataAccessResourceFailureException
                 | EarshotException e) {
            throw e; // every item would fail the same way: the client retries the request (503)
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("a message could not be stored: {}", e instanceof org.springframework.dao.DataAccessException d
                        ? d.getMostSpecificCause().getMessage() : e.toString());
                return List.of(IntakeResult.rejected(null, "this message could not be stored; it has been logged"));
            }
            // halves, not single items: one poison item in 1,000 costs about 20 transactions, not 1,000
            int half = batch.size() / 2;
            List<IntakeResult> out = new ArrayList<>(batch.size());
            out.addAll(store(batch.subList(0, half)));
            out.addAll(store(batch.subList(half, batch.size())));
            return out;
        }
    }

    /** The item's externalId as the client sent it, when it is a string or a number; anything else is not echoed. */
    private static String echoedId(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode id = node.get("externalId");
        if (id == null || !(id.isString() || id.isNumber())) {
            return null;
        }
        String s = id.isString() ? id.stringValue() : id.asString();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static void reject(Map<String, Object> r, String field, String error) {
        r.put("status", "rejected");
        r.put("error", error);
        if (field != null) {
            r.put("field", field);
        }
    }

    /** NDJSON: each line parsed from the body's bytes where it lies (no copy, no regex split); a bad line is one rejection. */
    private void readLines(byte[] body, List<JsonNode> nodes, List<ParsedItem> unreadable) {
        int line = 0;
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int to = end > start && body[end - 1] == '\r' ? end - 1 : end;
            if (to - start >= 3 && (body[start] & 0xff) == 0xEF && (body[start + 1] & 0xff) == 0xBB && (body[start + 2] & 0xff) == 0xBF) {
                start += 3; // a byte-order mark, as editors on Windows write them: not part of the JSON
            }
            if (!blank(body, start, to)) {
                try {
                    nodes.add(json.readTree(body, start, to - start));
                    unreadable.add(null);
                } catch (JacksonException e) {
                    nodes.add(null);
                    unreadable.add(ParsedItem.rejected(null, "line " + line + " is not valid JSON: " + brief(e)));
                }
            }
            start = end + 1;
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > max) {
                throw tooLarge(max);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static EarshotException tooLarge(long max) {
        return new EarshotException(413, "too_large", "the body is larger than " + max
                + " bytes (earshot.ingest.max-body-size); send fewer messages per request", null);
    }

    /** What is wrong with the JSON, where, in words: no parser class names or settings. */
    static String brief(JacksonException e) {
        String m = e.getOriginalMessage();
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (m == null) {
            return "parse error" + where;
        }
        if (m.contains("Constraints") || m.contains("exceeds the maximum")) {
            return "a number, string or nesting in it is longer or deeper than allowed" + where;
        }
        m = m.replaceAll("\\(?(?:[a-z][a-z0-9]*\\.)+[A-Z]\\w*(?:\\$\\w+)?\\)?", "").replaceAll("\\s+", " ").strip();
        return (m.length() > 160 ? m.substring(0, 160) : m) + where;
    }
}
