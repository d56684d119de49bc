package io.earshot.conversation;

/**
 * Something that happened to one conversation, published in the transaction that made it happen. Live views listen
 * to them all; features that must act on one listen to its own type.
 */
public sealed interface ConversationEvent permits ReplySent, ConversationAssigned, ConversationResolved,
        ConversationReopened, ConversationPending, PriorityRefreshed, CustomersMerged {

    long conversationId();
}
