package io.earshot.channels.internal.chat;

import java.time.Instant;
import java.util.List;

/** What the chat frame is shown: its lines, as JSON. */
final class ChatView {

    private ChatView() {
    }

    /** One line: who wrote it ("visitor" or "agent"), the text, when. */
    record LineView(String id, String from, String text, Instant at) {

        static LineView of(Transcript.Line line) {
            return new LineView(Long.toString(line.id()), line.fromAgent() ? "agent" : "visitor", line.text(),
                    Instant.ofEpochMilli(line.createdAt()));
        }
    }

    record History(List<LineView> lines) {

        static History of(List<Transcript.Line> lines) {
            return new History(lines.stream().map(LineView::of).toList());
        }
    }

    /** A new visitor: the token the frame keeps, and whether their email was vouched for by the site. */
    record NewVisitor(String token, String visitorId, boolean verified, long idleSeconds) {
    }
}
