package io.earshot.channels.internal.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads one raw mail into what Earshot stores: who wrote it, what it answers, its subject, date and trimmed text,
 * and whether it is a customer's mail at all (auto-replies, bounces and our own sent copies are not). Lenient: a
 * part that cannot be read is left out with a note, never an exception.
 */
final class MailReader {

    static final int MAX_TEXT = 100_000;

    /** What a mail is. */
    enum Kind { CUSTOMER, AUTO_REPLY, BOUNCE, OWN }

    /**
     * One mail, read.
     *
     * @param parents the external ids it answers, In-Reply-To first, then References newest first
     */
    record Mail(Kind kind, String reason, String externalId, List<String> parents, String from, String name,
                String replyTo, String subject, Instant date, String text, List<Attachment> attachments) {
    }

    /** An attachment: its name, type and decoded size. */
    record Attachment(String name, String type, long size) {
    }

    private final Session session;

    MailReader() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        this.session = Session.getInstance(p);
    }

    MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }

    /** Reads {@code raw}, heard on {@code accountId} at {@code received}. */
    Mail read(byte[] raw, long accountId, Instant received) throws MessagingException {
        return read(parse(raw), raw, false, accountId, received);
    }

    /**
     * Reads a mail too large to fetch whole from its headers and structure (an IMAP message: each part is fetched only
     * when it is read): its text parts are read, up to {@value #MAX_STRUCTURED_TEXT} bytes each, and its attachments are
     * listed with the size the server gives, never downloaded. {@code headers} (the header block) stands for the mail's
     * bytes where a Message-ID is missing.
     */
    Mail readStructure(MimeMessage m, byte[] headers, long accountId, Instant received) throws MessagingException {
        return read(m, headers, true, accountId, received);
    }

    /** The largest text part {@link #readStructure} fetches: more than {@link #MAX_TEXT} characters are cut anyway. */
    static final int MAX_STRUCTURED_TEXT = 1024 * 1024;

    private Mail read(MimeMessage m, byte[] raw, boolean structure, long accountId, Instant received) throws MessagingException {
        String messageId = MessageIds.bare(header(m, "Message-ID"));
        String externalId = messageId == null ? MessageIds.fallback(raw) : MessageIds.externalId(messageId);
        InternetAddress from = first(addresses(m, "From"));
        if (from == null) {
            from = first(addresses(m, "Sender"));
        }
        String address = from == null || from.getAddress() == null ? null : clean(from.getAddress()).toLowerCase(Locale.ROOT);
        InternetAddress replyTo = first(addresses(m, "Reply-To"));
        String reply = replyTo == null || replyTo.getAddress() == null ? null : clean(replyTo.getAddress()).toLowerCase(Locale.ROOT);
        Kind kind = Kind.CUSTOMER;
        String reason = null;
        if (messageId != null && MessageIds.ourAccount(messageId).filter(a -> a == accountId).isPresent()) {
            kind = Kind.OWN;
            reason = "our own reply's copy";
        } else if ((reason = bounce(m, address)) != null) {
            kind = Kind.BOUNCE;
        } else if ((reason = autoReply(m)) != null) {
            kind = Kind.AUTO_REPLY;
        }
        List<String> parents = new ArrayList<>();
        String inReplyTo = MessageIds.bare(header(m, "In-Reply-To"));
        if (inReplyTo != null) {
            parents.add(MessageIds.externalId(inReplyTo));
        }
        String refs = header(m, "References");
        if (refs != null) {
            List<String> all = new ArrayList<>(Arrays.asList(refs.split("(?<=>)\\s*|\\s+")));
            java.util.Collections.reverse(all);
            all.stream().map(MessageIds::bare).filter(r -> r != null).map(MessageIds::externalId)
                    .filter(r -> !parents.contains(r)).forEach(parents::add);
        }
        Body body = new Body(structure);
        walk(m, body, 0);
        String text = body.plain != null ? body.plain : body.html != null ? MailText.fromHtml(body.html) : "";
        text = MailText.trimmed(text);
        StringBuilder shown = new StringBuilder(text);
        body.notes.forEach(n -> shown.append(shown.length() == 0 ? "" : "\n\n").append(n));
        if (shown.length() == 0) {
            shown.append(body.attachments.isEmpty() ? "(no text)" : "(no text; " + body.attachments.size() + " attachment"
                    + (body.attachments.size() == 1 ? ")" : "s)"));
        }
        String all = shown.length() > MAX_TEXT ? shown.substring(0, MAX_TEXT) : shown.toString();
        return new Mail(kind, reason, externalId, parents, address, cut(clean(from == null ? null : from.getPersonal()), 200),
                reply == null || reply.equals(address) ? null : cut(reply, 320), cut(subject(m), 1000), date(m, received),
                all, body.attachments);
    }

    /** The attachments of a stored mail, in order. */
    List<Attachment> attachments(byte[] raw) throws MessagingException {
        Body body = new Body(false);
        walk(parse(raw), body, 0);
        return body.attachments;
    }

    /** Attachment {@code n} (from 0) of a stored mail: its name, type and bytes; null when there is none. */
    Download download(byte[] raw, int n) throws MessagingException, IOException {
        Body body = new Body(false);
        walk(parse(raw), body, 0);
        if (n < 0 || n >= body.parts.size()) {
            return null;
        }
        Attachment a = body.attachments.get(n);
        try (InputStream in = body.parts.get(n).getInputStream()) {
            return new Download(a.name(), a.type(), in.readAllBytes());
        }
    }

    record Download(String name, String type, byte[] bytes) {
    }

    private static final class Body {
        /** True: the part sizes are the server's (not decoded) and large text parts are not fetched. */
        final boolean structure;
        String plain;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Body(boolean structure) {
            this.structure = structure;
        }
    }

    private void walk(Part part, Body body, int depth) {
        try {
            String type = lower(part.getContentType());
            if (depth > 20) {
                body.notes.add("(a part nested too deeply was left out)");
                return;
            }
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        BodyPart child = mp.getBodyPart(i);
                        walk(child, body, depth + 1);
                    }
                    return;
                }
            }
            String filename = filename(part);
            boolean attachment = filename != null || Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
            boolean text = !attachment && (type.startsWith("text/plain") && body.plain == null
                    || type.startsWith("text/html") && body.html == null);
            if (text && body.structure && part.getSize() > MAX_STRUCTURED_TEXT) {
                body.notes.add("(a text part of " + part.getSize() + " bytes was too large to read)");
            } else if (!attachment && type.startsWith("text/plain") && body.plain == null) {
                body.plain = text(part);
            } else if (!attachment && type.startsWith("text/html") && body.html == null) {
                body.html = text(part);
            } else if (attachment || !(type.startsWith("text/") || type.startsWith("message/delivery-status"))) {
                body.parts.add(part);
                body.attachments.add(new Attachment(filename == null ? "attachment-" + (body.attachments.size() + 1) : cut(clean(filename), 200),
                        cut(clean(baseType(type)), 200), body.structure ? part.getSize() : size(part)));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            body.notes.add("(a part of this mail could not be read: " + e.getClass().getSimpleName() + ")");
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object c = part.getContent();
            if (c instanceof String s) {
                return s;
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            // an unknown charset or a broken transfer encoding: read the bytes leniently below
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException | MessagingException e) {
            if (!(part instanceof jakarta.mail.internet.MimeBodyPart mp)) {
                throw e;
            }
            try (InputStream in = mp.getRawInputStream()) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, charset(part.getContentType()));
    }

    private static Charset charset(String contentType) {
        try {
            String cs = new ContentType(contentType).getParameter("charset");
            return cs == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(cs));
        } catch (Exception e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static long size(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | MessagingException e) {
            return -1;
        }
    }

    private static String filename(Part part) {
        try {
            String f = part.getFileName();
            return f == null ? null : MimeUtility.decodeText(f);
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** Why this mail is a bounce, or null. */
    private static String bounce(MimeMessage m, String from) throws MessagingException {
        String type = lower(m.getContentType());
        if (type.startsWith("multipart/report") && type.replace(" ", "").replace("\"", "").contains("report-type=delivery-status")) {
            return "a delivery status report (multipart/report; report-type=delivery-status)";
        }
        if (from != null && (from.startsWith("mailer-daemon@") || from.startsWith("postmaster@"))) {
            return "sent by " + from;
        }
        return null;
    }

    /** Why this mail is an automatic reply, or null. */
    private static String autoReply(MimeMessage m) throws MessagingException {
        String auto = header(m, "Auto-Submitted");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + clean(auto);
        }
        if (header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null) {
            return "an X-Autoreply/X-Autorespond header";
        }
        String precedence = header(m, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("auto_reply|bulk|junk")) {
            return "Precedence: " + clean(precedence);
        }
        return null;
    }

    /** The Date header, or the time it was received when it has none or an absurd one (before 1990, or in the future). */
    private static Instant date(MimeMessage m, Instant received) {
        try {
            java.util.Date d = m.getSentDate();
            if (d != null) {
                Instant at = d.toInstant();
                if (at.isAfter(Instant.parse("1990-01-01T00:00:00Z")) && at.isBefore(received.plus(1, ChronoUnit.HOURS))) {
                    return at;
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable date: the received time
        }
        return received;
    }

    private static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null || s.isBlank() ? null : clean(s);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static String header(MimeMessage m, String name) throws MessagingException {
        return m.getHeader(name, " ");
    }

    private static Address[] addresses(MimeMessage m, String name) {
        try {
            String h = m.getHeader(name, ",");
            return h == null ? null : InternetAddress.parseHeader(h, false);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static InternetAddress first(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return ia;
            }
        }
        return null;
    }

    private static String baseType(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** A header value on one line: no CR, LF or other control characters. */
    static String clean(String s) {
        return s == null ? null : s.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ").strip();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
