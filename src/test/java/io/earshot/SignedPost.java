package io.earshot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A POST to a webhook account signed the way a sender signs it: sha256=HMAC(secret, timestamp + "." + body). */
public final class SignedPost {

    private SignedPost() {
    }

    public static String signature(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts {@code body} to {@code /api/v1/channel-accounts/{account}/inbound} at {@code base}, signed now; the answer's status. */
    public static int send(String base, String account, String secret, String delivery, String body) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channel-accounts/" + account + "/inbound"))
                .header("Content-Type", "application/json").header("X-Earshot-Timestamp", ts)
                .header("X-Earshot-Delivery", delivery).header("X-Earshot-Signature", signature(secret, ts + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
