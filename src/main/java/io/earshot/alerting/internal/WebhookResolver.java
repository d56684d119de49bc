package io.earshot.alerting.internal;

import io.earshot.platform.CheckedAddresses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Alert webhooks' addresses, checked ({@link CheckedAddresses}) unless {@code earshot.alerting.webhook-private-addresses}. */
@Component
public class WebhookResolver extends CheckedAddresses {

    static final String SETTING = "earshot.alerting.webhook-private-addresses";

    @Autowired
    WebhookResolver(AlertingSettings settings) {
        super(settings.webhookPrivateAddresses(), SETTING);
    }

    WebhookResolver(boolean allowPrivate, Lookup lookup, OwnAddresses own) {
        super(allowPrivate, SETTING, lookup, own);
    }
}
