package io.earshot.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earshot.Http;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The email channel end to end: a real IMAP and SMTP server (GreenMail) in the test JVM, a real Earshot over HTTP
 * and PostgreSQL. Each test has its own support mailbox and account, and its own customers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=email",
        "earshot.admin-token=" + EmailChannelTest.ADMIN,
        "earshot.secret-key=email-channel-test-key-0123456789abcdef",
        "earshot.channels.supervise-every=200ms",
        "earshot.outbox.poll=100ms"})
class EmailChannelTest {

    static final String ADMIN = "admin-email-token";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    Http http;
    String run;
    String agentToken;
    final Session session = Session.getInstance(new Properties());

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "e" + SEQ.incrementAndGet() + "x" + (System.nanoTime() % 100000);
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", "Agent " + run, "email", run + "-agent@desk.example",
                "role", "agent"), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        agentToken = a.get("token").asString();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    record Box(String address, String accountId, GreenMailUser user) {
    }

    Box mailbox(Map<String, String> extra) {
        String address = "support-" + run + "@desk.example";
        GreenMailUser user = mail.setUser(address, address, "pw-" + run);
        Map<String, String> settings = new LinkedHashMap<>(Map.of("imapHost", "127.0.0.1",
                "imapPort", Integer.toString(mail.getImap().getPort()), "imapSecurity", "none", "smtpHost", "127.0.0.1",
                "smtpPort", Integer.toString(mail.getSmtp().getPort()), "smtpSecurity", "none", "address", address,
                "pollEvery", "1", "timeout", "2", "readExisting", "true"));
        settings.putAll(extra);
        Http.Answer a = http.post("/api/v1/channel-accounts", Map.of("kind", "email", "name", "Support " + run,
                "settings", settings, "secrets", Map.of("password", "pw-" + run)), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(a.raw()).doesNotContain("pw-" + run);
        return new Box(address, a.get("id").asString(), user);
    }

    Box mailbox() {
        return mailbox(Map.of());
    }

    String customer(String name) {
        return name + "-" + run + "@customer.example";
    }

    /** A raw mail from {@code from} to the box. */
    static String raw(String from, String to, String messageId, String subject, String headers, String body) {
        return ("From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nDate: " + new jakarta.mail.internet.MailDateFormat().format(new java.util.Date()) + "\n"
                + "Message-ID: <" + messageId + ">\nMIME-Version: 1.0\n" + headers
                + (headers.contains("Content-Type") ? "" : "Content-Type: text/plain; charset=utf-8\n") + "\n" + body)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    void deliver(Box box, String raw) throws Exception {
        box.user().deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    /** The conversation of the customer with {@code handle}, once it has {@code count} messages. */
    JsonNode conversationWith(String handle, int count) {
        return await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode c : http.get("/api/v1/conversations?status=all&limit=200", agentToken).get("items")) {
                if (handle.equals(c.get("customer").get("handle").asString())) {
                    JsonNode d = http.get("/api/v1/conversations/" + c.get("id").asString(), agentToken).body();
                    if (d.get("messages").size() >= count) {
                        return d;
                    }
                }
            }
            return null;
        }, d -> d != null);
    }

    static List<JsonNode> messages(JsonNode detail) {
        List<JsonNode> out = new ArrayList<>();
        detail.get("messages").forEach(out::add);
        return out;
    }

    List<MimeMessage> inbox(String address) throws Exception {
        GreenMailUser u = mail.getUserManager().getUserByEmail(address);
        if (u == null) {
            return List.of();
        }
        List<MimeMessage> out = new ArrayList<>();
        for (StoredMessage m : mail.getManagers().getImapHostManager().getInbox(u).getMessages()) {
            out.add(m.getMimeMessage());
        }
        return out;
    }

    String reply(String conversationId, String text) {
        Http.Answer r = http.post("/api/v1/conversations/" + conversationId + "/replies", Map.of("text", text), agentToken);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.get("messageId").asString();
    }

    JsonNode message(String conversationId, String messageId) {
        return messages(http.get("/api/v1/conversations/" + conversationId, agentToken).body()).stream()
                .filter(m -> m.get("id").asString().equals(messageId)).findFirst().orElseThrow();
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void aMailBecomesAMessageItsReplyArrivesOnceThreadedAndTheAnswerThreadsBack() throws Exception {
        Box box = mailbox();
        String ann = customer("ann");
        deliver(box, raw("Ann Lee <" + ann + ">", box.address(), "first-" + run + "@customer.example", "Order 1234 is late",
                "", "Where is my order?\n\n-- \nAnn"));
        JsonNode c = conversationWith(ann, 1);
        JsonNode first = messages(c).get(0);
        assertThat(first.get("channel").asString()).isEqualTo("email");
        assertThat(first.get("externalId").asString()).isEqualTo("first-" + run + "@customer.example");
        assertThat(first.get("text").asString()).isEqualTo("Where is my order?");
        assertThat(first.get("subject").asString()).isEqualTo("Order 1234 is late");
        assertThat(first.get("author").get("name").asString()).isEqualTo("Ann Lee");
        String conversation = c.get("id").asString();

        String replyId = reply(conversation, "It ships today.");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(conversation, replyId).get("delivery").asString()));
        List<MimeMessage> got = inbox(ann);
        assertThat(got).hasSize(1);
        MimeMessage r = got.get(0);
        assertThat(r.getSubject()).isEqualTo("Re: Order 1234 is late");
        assertThat(r.getHeader("In-Reply-To", null)).isEqualTo("<first-" + run + "@customer.example>");
        assertThat(r.getHeader("References", null)).isEqualTo("<first-" + run + "@customer.example>");
        String ourId = r.getMessageID();
        assertThat(ourId).isEqualTo("<earshot-" + replyId + "." + box.accountId() + "@desk.example>");
        assertThat(r.getFrom()[0].toString()).contains(box.address());
        assertThat(r.getHeader("Bcc")).as("the BCC is not shown to the customer").isNull();

        // the customer answers (with a quote); it threads into the same conversation; our BCC copy is no customer message
        deliver(box, raw(ann, box.address(), "second-" + run + "@customer.example", "Re: Order 1234 is late",
                "In-Reply-To: " + ourId + "\nReferences: <first-" + run + "@customer.example> " + ourId + "\n",
                "Thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, Support <" + box.address() + "> wrote:\n> It ships today.\n"));
        JsonNode after = conversationWith(ann, 3);
        assertThat(after.get("id").asString()).isEqualTo(conversation);
        JsonNode answer = messages(after).stream() // by id: its Date header has whole seconds, the reply's time has more
                .filter(x -> x.get("externalId").asString().equals("second-" + run + "@customer.example")).findFirst().orElseThrow();
        assertThat(answer.get("text").asString()).isEqualTo("Thanks!");
        assertThat(answer.get("inReplyTo").asString()).isEqualTo("earshot-" + replyId);
        Thread.sleep(1500); // our own copy in the mailbox has been polled by now
        assertThat(messages(conversationWith(ann, 3))).hasSize(3);
        assertThat(inbox(ann)).hasSize(1);

        // the original keeps the quote; it is served as plain text that a browser does not sniff
        HttpResponse<String> original = get("/api/v1/messages/" + answer.get("id").asString() + "/original");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(original.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(original.body()).contains("> It ships today.", "In-Reply-To: " + ourId);
        assertThat(get("/api/v1/messages/" + first.get("id").asString() + "/original", null).statusCode())
                .as("agents only").isEqualTo(401);
    }

    @Test
    void aCustomerWhoTweetedThenEmailsIsAnsweredByEmail() throws Exception {
        Box box = mailbox();
        String bo = customer("bo");
        Http.Answer t = http.post("/api/v1/messages", Map.of("channel", "twitter", "externalId", "tw-" + run, "direction", "inbound",
                "author", Map.of("handle", "@bo" + run, "email", bo), "text", "my parcel never came",
                "createdAt", java.time.Instant.now().minusSeconds(60).toString()), ADMIN);
        assertThat(t.status()).as(t.raw()).isEqualTo(200);
        assertThat(t.get("results").get(0).get("status").asString()).as(t.raw()).isEqualTo("created");
        String tweetConversation = t.get("results").get(0).get("conversationId").asString();
        deliver(box, raw(bo, box.address(), "bo-" + run + "@customer.example", "Parcel", "", "I also write by email."));
        JsonNode c = await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/v1/conversations/" + tweetConversation, agentToken).body(), d -> d.get("messages").size() == 2);
        assertThat(messages(c).get(1).get("channel").asString()).isEqualTo("email");
        String replyId = reply(tweetConversation, "Sorry, a new parcel is on its way.");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(tweetConversation, replyId).get("delivery").asString()));
        assertThat(message(tweetConversation, replyId).get("channel").asString()).isEqualTo("email");
        assertThat(inbox(bo)).hasSize(1);
        assertThat(inbox(bo).get(0).getSubject()).isEqualTo("Re: Parcel");
    }

    @Test
    void aReplyWhoseAcceptanceWasNeverHeardIsNotSentTwice() throws Exception {
        try (TcpProxy smtp = new TcpProxy(mail.getSmtp().getPort())) {
            Box box = mailbox(Map.of("smtpPort", Integer.toString(smtp.port())));
            String cy = customer("cy");
            deliver(box, raw(cy, box.address(), "cy-" + run + "@customer.example", "Refund", "", "Refund please"));
            String conversation = conversationWith(cy, 1).get("id").asString();
            smtp.withholdNextDataReply();
            String replyId = reply(conversation, "Refunded.");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(message(conversation, replyId).get("delivery").asString()));
            assertThat(smtp.connections()).as("the first attempt went through the proxy and timed out").isEqualTo(1);
            List<MimeMessage> got = inbox(cy);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).getMessageID()).isEqualTo("<earshot-" + replyId + "." + box.accountId() + "@desk.example>");
        }
    }

    @Test
    void anSmtpServerThatDefersIsTriedAgainAndOneThatRefusesFailsTheReplyWithItsReasonUntilRetried() throws Exception {
        // session 1: 451 (try later); session 2: 550 (refused for good); after the agent's retry: accepted
        try (FakeSmtp smtp = new FakeSmtp(n -> n == 1 ? "451 4.3.0 Try again later" : n == 2 ? "550 5.1.1 User unknown"
                : "250 2.1.5 OK")) {
            Box box = mailbox(Map.of("smtpPort", Integer.toString(smtp.port())));
            String kim = customer("kim");
            deliver(box, raw(kim, box.address(), "kim-" + run + "@customer.example", "Refund", "", "Where is my refund?"));
            String conversation = conversationWith(kim, 1).get("id").asString();
            String replyId = reply(conversation, "Your refund went out today.");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                    .until(() -> "failed".equals(message(conversation, replyId).get("delivery").asString()));
            assertThat(smtp.rcptAnswers).containsExactly("451 4.3.0 Try again later", "550 5.1.1 User unknown");
            assertThat(message(conversation, replyId).get("deliveryError").asString()).contains("550").contains("User unknown");
            assertThat(smtp.accepted).isEmpty();

            Http.Answer retry = http.post("/api/v1/conversations/" + conversation + "/messages/" + replyId + "/retry", Map.of(),
                    agentToken);
            assertThat(retry.status()).as(retry.raw()).isBetween(200, 204);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                    .until(() -> "sent".equals(message(conversation, replyId).get("delivery").asString()));
            assertThat(smtp.accepted).hasSize(1);
            assertThat(smtp.accepted.get(0)).contains("Message-ID: <earshot-" + replyId + "." + box.accountId() + "@desk.example>");
        }
    }

    @Test
    void hostileHtmlAndALargeAttachmentAreHandled() throws Exception {
        try (TcpProxy imap = new TcpProxy(mail.getImap().getPort())) {
            // 10 MB, as the product asks: 14 MB of base64, which GreenMail serves in about a second when fetched whole
            byte[] pdf = randomBytes(10 * 1024 * 1024);
            String html = "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body onload=\"steal()\">"
                    + "<p>Invoice <b>attached</b></p><a href=\"javascript:alert(1)\">click</a> "
                    + "<a href=\"https://shop.example/i/9\">portal</a><img src=x onerror=\"alert(2)\"></body></html>";
            imap.cutNextConnectionAfter(5_000_000); // the first fetch drops a third of the way into the mail
            // a read timeout of some seconds: GreenMail writes nothing while it renders 14 MB for the FETCH
            Box box = mailbox(Map.of("imapPort", Integer.toString(imap.port()), "timeout", "10"));
            String eve = customer("eve");
            deliver(box, raw(eve, box.address(), "eve-" + run + "@customer.example", "Invoice",
                    "Content-Type: multipart/mixed; boundary=\"B1\"\n", "--B1\nContent-Type: text/html; charset=utf-8\n\n" + html
                            + "\n--B1\nContent-Type: application/pdf; name=\"invoice.pdf\"\nContent-Disposition: attachment; "
                            + "filename=\"invoice.pdf\"\nContent-Transfer-Encoding: base64\n\n" + base64(pdf) + "\n--B1--\n"));
            JsonNode m = messages(conversationWith(eve, 1)).get(0);
            assertThat(imap.connections()).as("the dropped connection was replaced").isGreaterThanOrEqualTo(2);
            assertThat(m.get("text").asString()).contains("Invoice attached", "click", "portal (https://shop.example/i/9)")
                    .doesNotContain("<", ">", "alert", "javascript", "steal", "color");
            String id = m.get("id").asString();
            JsonNode list = http.get("/api/v1/messages/" + id + "/attachments", agentToken).body().get("items");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("name").asString()).isEqualTo("invoice.pdf");
            assertThat(list.get(0).get("type").asString()).isEqualTo("application/pdf");
            assertThat(list.get(0).get("size").asLong()).isEqualTo(pdf.length);
            HttpResponse<byte[]> file = download("/api/v1/messages/" + id + "/attachments/0");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains("invoice.pdf");
            assertThat(file.body()).isEqualTo(pdf);
            assertThat(download("/api/v1/messages/" + id + "/attachments/1").statusCode()).isEqualTo(404);
            Thread.sleep(1500);
            assertThat(messages(conversationWith(eve, 1))).as("stored once").hasSize(1);
        }
    }

    @Test
    void autoRepliesAndBouncesAreNotCustomerMessagesAndAMalformedMailDoesNotStopTheMailbox() throws Exception {
        Box box = mailbox();
        String dee = customer("dee");
        deliver(box, raw(dee, box.address(), "away-" + run + "@customer.example", "Out of office", "Auto-Submitted: auto-replied\n",
                "I am away until Monday."));
        deliver(box, raw("MAILER-DAEMON@mx.customer.example", box.address(), "bounce-" + run + "@mx.customer.example",
                "Undelivered Mail Returned to Sender", "Content-Type: multipart/report; report-type=delivery-status; boundary=R\n",
                "--R\nContent-Type: text/plain\n\nDelivery to " + dee + " failed.\n--R\nContent-Type: message/delivery-status\n\n"
                        + "Status: 5.1.1\n--R--\n"));
        deliver(box, raw(dee, box.address(), "broken-" + run + "@customer.example", "=?bogus?Q?broken?=",
                "Content-Type: multipart/mixed; boundary=\"never\"\n", "--not-the-boundary\nContent-Type: text/plain; "
                        + "charset=no-such-charset\n\nmangled text\n"));
        deliver(box, raw(dee, box.address(), "real-" + run + "@customer.example", "Question", "", "A real question."));
        JsonNode c = conversationWith(dee, 2);
        Thread.sleep(1500);
        List<String> ids = messages(conversationWith(dee, 2)).stream().map(x -> x.get("externalId").asString()).toList();
        assertThat(ids).containsExactly("broken-" + run + "@customer.example", "real-" + run + "@customer.example");
        assertThat(messages(c).get(0).get("text").asString()).isNotBlank();
        assertThat(http.get("/api/v1/conversations?status=all&limit=200", agentToken).raw())
                .doesNotContain("I am away until Monday", "Undelivered Mail");
    }

    @Test
    void aConnectionDroppedMidFetchAndARestartLoseAndRepeatNothing() throws Exception {
        try (TcpProxy imap = new TcpProxy(mail.getImap().getPort())) {
            String address = "support-" + run + "@desk.example";
            GreenMailUser user = mail.setUser(address, address, "pw-" + run);
            Box pre = new Box(address, null, user);
            String fay = customer("fay");
            for (int i = 1; i <= 5; i++) {
                deliver(pre, raw(fay, address, "fay" + i + "-" + run + "@customer.example", "Part " + i, "",
                        "Part " + i + "\n" + base64(randomBytes(15_000 + i))));
            }
            imap.cutNextConnectionAfter(45_000); // in the middle of the second or third mail
            Box box = mailbox(Map.of("imapPort", Integer.toString(imap.port())));
            JsonNode c = conversationWith(fay, 5);
            assertThat(imap.connections()).as("the cut connection was replaced").isGreaterThanOrEqualTo(2);
            assertThat(messages(c).stream().map(x -> x.get("externalId").asString()).distinct().count()).isEqualTo(5);

            assertThat(http.post("/api/v1/channel-accounts/" + box.accountId() + "/pause", Map.of(), ADMIN).status()).isEqualTo(200);
            deliver(box, raw(fay, address, "fay6-" + run + "@customer.example", "Part 6", "", "Part 6"));
            assertThat(http.post("/api/v1/channel-accounts/" + box.accountId() + "/resume", Map.of(), ADMIN).status()).isEqualTo(200);
            conversationWith(fay, 6);
            Thread.sleep(2000);
            assertThat(messages(conversationWith(fay, 6))).hasSize(6);
            JsonNode health = http.get("/api/v1/channel-accounts/" + box.accountId(), ADMIN).body().get("health");
            assertThat(health.get("running").asBoolean()).isTrue();
        }
    }

    @Test
    void aNewUidValidityStoresNothingTwice() throws Exception {
        String address = "support-" + run + "@desk.example";
        GreenMailUser user = mail.setUser(address, address, "pw-" + run);
        var folders = mail.getManagers().getImapHostManager();
        folders.createMailbox(user, "Support");
        String gus = customer("gus");
        List<String> mails = List.of(raw(gus, address, "gus1-" + run + "@customer.example", "One", "", "one"),
                raw(gus, address, "gus2-" + run + "@customer.example", "Two", "", "two"));
        for (String m : mails) {
            folders.getFolder(user, "Support").store(new MimeMessage(session, new ByteArrayInputStream(m.getBytes(StandardCharsets.UTF_8))));
        }
        Box box = mailbox(Map.of("folder", "Support"));
        conversationWith(gus, 2);
        folders.deleteMailbox(user, "Support");
        Thread.sleep(20);
        folders.createMailbox(user, "Support");
        List<String> again = new ArrayList<>(mails);
        again.add(raw(gus, address, "gus3-" + run + "@customer.example", "Three", "", "three"));
        for (String m : again) {
            folders.getFolder(user, "Support").store(new MimeMessage(session, new ByteArrayInputStream(m.getBytes(StandardCharsets.UTF_8))));
        }
        conversationWith(gus, 3);
        Thread.sleep(2000);
        assertThat(messages(conversationWith(gus, 3)).stream().map(x -> x.get("externalId").asString()).toList())
                .containsExactly("gus1-" + run + "@customer.example", "gus2-" + run + "@customer.example",
                        "gus3-" + run + "@customer.example");
        assertThat(box.accountId()).isNotNull();
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, agentToken);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + agentToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
