package io.earshot.conversation;

/**
 * What became of one incoming message.
 *
 * @param status created, duplicate, edited (an edit changed a stored message's text; see {@link Intake#edit}) or rejected
 * @param field  for a rejection, the field at fault
 */
public record IntakeResult(String status, Long messageId, Long conversationId, String field, String error) {

    static IntakeResult created(long messageId, long conversationId) {
        return new IntakeResult("created", messageId, conversationId, null, null);
    }

    static IntakeResult duplicate(long messageId, long conversationId) {
        return new IntakeResult("duplicate", messageId, conversationId, null, null);
    }

    static IntakeResult edited(long messageId, long conversationId) {
        return new IntakeResult("edited", messageId, conversationId, null, null);
    }

    public static IntakeResult rejected(String field, String error) {
        return new IntakeResult("rejected", null, null, field, error);
    }

    public boolean isCreated() {
        return "created".equals(status);
    }
}
