package io.earshot.channels.internal.email;

import io.earshot.channels.AccountSettings;
import io.earshot.platform.EarshotException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.Locale;
import java.util.Properties;

/**
 * An email account's settings, read and checked, and the IMAP and SMTP sessions they make (with connect and read
 * timeouts: a server that stops answering fails the call rather than hanging it). The password is only handed to
 * {@code connect}; it is never in a property, a log line or a message.
 */
record Mailbox(long accountId, String imapHost, int imapPort, String imapSecurity, String smtpHost, int smtpPort,
               String smtpSecurity, String username, String password, String address, String folder, String sentFolder,
               int pollEverySeconds, boolean copySelf, int timeoutSeconds, boolean readExisting) {

    static Mailbox of(AccountSettings a) {
        String imapSecurity = security(a, "imapSecurity");
        String smtpSecurity = security(a, "smtpSecurity");
        return new Mailbox(a.id(), a.setting("imapHost", null), port(a, "imapPort", "ssl".equals(imapSecurity) ? 993 : 143),
                imapSecurity, a.setting("smtpHost", null), port(a, "smtpPort", "ssl".equals(smtpSecurity) ? 465 : 587), smtpSecurity,
                a.setting("username", a.setting("address", null)), a.secret("password"), a.setting("address", null),
                a.setting("folder", "INBOX"), a.setting("sentFolder", null), positive(a, "pollEvery", 60),
                flag(a, "copySelf", true), positive(a, "timeout", 30), flag(a, "readExisting", false));
    }

    private static String security(AccountSettings a, String name) {
        String v = a.setting(name, "ssl").strip().toLowerCase(Locale.ROOT);
        if (!v.matches("ssl|starttls|none")) {
            throw EarshotException.invalid("settings." + name, name + " is ssl, starttls or none, not '" + v + "'");
        }
        return v;
    }

    private static int port(AccountSettings a, String name, int fallback) {
        int p = number(a, name, fallback);
        if (p < 1 || p > 65535) {
            throw EarshotException.invalid("settings." + name, name + " is a port from 1 to 65535");
        }
        return p;
    }

    private static int positive(AccountSettings a, String name, int fallback) {
        int n = number(a, name, fallback);
        if (n < 1 || n > 86_400) {
            throw EarshotException.invalid("settings." + name, name + " is a number of seconds from 1 to 86400");
        }
        return n;
    }

    private static int number(AccountSettings a, String name, int fallback) {
        try {
            return a.number(name, fallback);
        } catch (NumberFormatException e) {
            throw EarshotException.invalid("settings." + name, name + " must be a whole number");
        }
    }

    private static boolean flag(AccountSettings a, String name, boolean fallback) {
        String v = a.setting(name, Boolean.toString(fallback)).strip().toLowerCase(Locale.ROOT);
        if (!v.matches("true|false")) {
            throw EarshotException.invalid("settings." + name, name + " is true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** An IMAP store, connected. */
    Store imap() throws MessagingException {
        String protocol = "ssl".equals(imapSecurity) ? "imaps" : "imap";
        Store store = session(protocol, imapSecurity).getStore(protocol);
        store.connect(imapHost, imapPort, username, password);
        return store;
    }

    /** An SMTP transport, connected. */
    Transport smtp() throws MessagingException {
        String protocol = "ssl".equals(smtpSecurity) ? "smtps" : "smtp";
        Transport t = session(protocol, smtpSecurity).getTransport(protocol);
        t.connect(smtpHost, smtpPort, username, password);
        return t;
    }

    Session smtpSession() {
        return session("ssl".equals(smtpSecurity) ? "smtps" : "smtp", smtpSecurity);
    }

    private Session session(String protocol, String security) {
        Properties p = new Properties();
        String ms = Integer.toString(timeoutSeconds * 1000);
        p.setProperty("mail." + protocol + ".connectiontimeout", ms);
        p.setProperty("mail." + protocol + ".timeout", ms);
        p.setProperty("mail." + protocol + ".writetimeout", ms);
        if ("starttls".equals(security)) {
            p.setProperty("mail." + protocol + ".starttls.enable", "true");
            p.setProperty("mail." + protocol + ".starttls.required", "true");
        }
        if ("ssl".equals(security)) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        if (protocol.startsWith("imap")) {
            // one FETCH per mail, not 16 KB pieces: a server that renders the whole mail for each piece (GreenMail
            // does) serves a 10 MB attachment in about 50 s in pieces, in under a second whole
            p.setProperty("mail." + protocol + ".partialfetch", "false");
        }
        if (protocol.startsWith("smtp")) {
            p.setProperty("mail." + protocol + ".auth", password == null ? "false" : "true");
            p.setProperty("mail." + protocol + ".from", address);
        }
        p.setProperty("mail.mime.address.strict", "false");
        return Session.getInstance(p);
    }

    @Override
    public String toString() {
        return "Mailbox[" + accountId + ", " + username + "@" + imapHost + "]";
    }
}
