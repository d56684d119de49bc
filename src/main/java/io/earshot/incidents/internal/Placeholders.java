package io.earshot.incidents.internal;

import io.earshot.conversation.ConversationView;

/**
 * Personalises an update: {@code {{name}}} is the customer's name, else their handle; {@code {{handle}}} their handle
 * (with an @ where the handle is not an address). Anything else in braces is left as written.
 */
public final class Placeholders {

    private Placeholders() {
    }

    public static String fill(String text, ConversationView.CustomerRef customer) {
        String handle = customer == null || customer.handle() == null ? "" : customer.handle();
        String name = customer != null && customer.name() != null && !customer.name().isBlank() ? customer.name().strip() : handle;
        String at = handle.isEmpty() || handle.contains("@") ? handle : "@" + handle;
        return text.replace("{{name}}", name).replace("{{handle}}", at);
    }
}
