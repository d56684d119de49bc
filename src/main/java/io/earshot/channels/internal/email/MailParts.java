package io.earshot.channels.internal.email;

import io.earshot.channels.MailOriginals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The attachments of a stored raw mail, read again from it (they are kept once, in the original). */
@Component
public class MailParts {

    private final MailReader reader = new MailReader();

    public List<MailOriginals.Attachment> list(byte[] raw) {
        try {
            List<MailReader.Attachment> all = reader.attachments(raw);
            List<MailOriginals.Attachment> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                out.add(new MailOriginals.Attachment(i, all.get(i).name(), all.get(i).type(), all.get(i).size()));
            }
            return out;
        } catch (jakarta.mail.MessagingException e) {
            return List.of();
        }
    }

    public Optional<MailOriginals.File> file(byte[] raw, int n) {
        try {
            MailReader.Download d = reader.download(raw, n);
            return d == null ? Optional.empty() : Optional.of(new MailOriginals.File(d.name(), d.type(), d.bytes()));
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
