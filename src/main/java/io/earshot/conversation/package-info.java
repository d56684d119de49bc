/** Conversation: threads messages into conversations of known customers and guards each conversation's state. */
package io.earshot.conversation;
