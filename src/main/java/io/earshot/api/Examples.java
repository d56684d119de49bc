package io.earshot.api;

/** Request and response examples shown in the OpenAPI document. */
final class Examples {

    private Examples() {
    }

    static final String MESSAGE = """
            {"channel": "twitter", "externalId": "1460001", "direction": "inbound",
             "author": {"handle": "maya_r", "name": "Maya Reid", "followers": 250000, "verified": true},
             "text": "@LumenCare no signal in Leeds since this morning!", "createdAt": "2026-11-22T09:30:00Z",
             "url": "https://twitter.com/maya_r/status/1460001"}""";

    static final String MESSAGES = """
            [{"channel": "email", "externalId": "<CAF1x@mail.example.com>", "direction": "inbound",
              "author": {"handle": "pat@example.com", "name": "Pat"}, "text": "I filled in the survey and still get ads.",
              "createdAt": "2026-11-22T15:34:00Z"},
             {"channel": "email", "externalId": "<re-CAF1x@lumen.example>", "direction": "outbound",
              "author": {"handle": "support@lumen.example"}, "text": "We'll look into it and get back to you within 24 hours.",
              "createdAt": "2026-11-22T15:40:00Z", "inReplyTo": "<CAF1x@mail.example.com>"}]""";

    static final String NDJSON = """
            {"channel":"chat","externalId":"c-1","direction":"inbound","author":{"handle":"guest-77"},"text":"When will my payout arrive?","createdAt":"2026-11-22T10:00:00Z"}
            {"channel":"chat","externalId":"c-2","direction":"inbound","author":{"handle":"guest-77"},"text":"It has been 13 days.","createdAt":"2026-11-22T10:01:00Z"}""";

    static final String MESSAGE_RESULTS = """
            {"results": [
              {"index": 0, "externalId": "1460001", "status": "created", "messageId": "2001", "conversationId": "2002"},
              {"index": 1, "externalId": "1460001", "status": "duplicate", "messageId": "2001", "conversationId": "2002"},
              {"index": 2, "externalId": "x9", "status": "rejected", "field": "author.followers",
               "error": "author.followers must be a non-negative integer"}]}""";

    static final String CONVERSATIONS = """
            {"items": [{"id": "2002", "status": "open", "channel": "twitter",
              "customer": {"id": "2000", "handle": "maya_r", "name": "Maya Reid", "followers": 250000, "verified": true},
              "preview": "@LumenCare no signal in Leeds since this morning!",
              "priority": {"score": 86, "level": "urgent", "reasons": ["reports an outage", "negative sentiment (-0.81)",
                "verified account, reach 250k followers", "said in public"]},
              "sentiment": {"label": "negative", "score": -0.81}, "intent": "outage", "language": "en",
              "assignee": null, "createdAt": "2026-11-22T09:30:00Z", "lastInboundAt": "2026-11-22T09:30:00Z",
              "lastOutboundAt": null, "firstResponseAt": null,
              "sla": {"firstResponseDue": "2026-11-22T10:30:00Z", "nextUpdateDue": null,
                      "resolutionDue": "2026-11-25T09:30:00Z", "breaches": []},
              "openCommitments": 0}],
             "nextCursor": "UFJJT1JJVFk6ODY6MjAwMg"}""";

    static final String REPLY = """
            {"text": "So sorry Maya, there is a fault on a mast in Leeds. Engineers are on it; I'll update you by 2pm.",
             "private": false}""";

    static final String REPLY_RESULT = """
            {"messageId": "2010", "commitments": []}""";

    static final String ASSIGN = """
            {"agentId": "1001"}""";

    static final String STATUS = """
            {"status": "resolved", "note": "mast repaired, customer confirmed signal is back"}""";

    static final String AGENT = """
            {"name": "Sam Lee", "email": "sam@lumen.example", "role": "agent"}""";

    static final String AGENT_RESULT = """
            {"id": "1001", "name": "Sam Lee", "email": "sam@lumen.example", "role": "agent",
             "token": "es_k3v...shown once"}""";

    static final String MERGE = """
            {"otherId": "2040"}""";

    static final String CLOCK = """
            {"now": "2031-05-06T10:00:00Z"}""";

    static final String ERROR = """
            {"error": {"code": "invalid", "message": "sort must be priority, oldest, newest or due, not 'loudest'",
             "field": "sort"}}""";

    static final String COMMITMENTS = """
            {"items": [{"id": "3101", "conversationId": "2002", "owner": "11", "ownerName": "Dana", "kind": "update",
              "text": "We'll look into it and get back to you within 24 hours.", "when": "within 24 hours", "source": "reply",
              "messageId": "3100", "saidAt": "2026-11-22T10:03:00Z", "dueAt": "2026-11-23T10:03:00Z", "state": "open",
              "keptAt": null, "keptBy": null, "keptByName": null, "brokenAt": null,
              "draftUpdate": "We haven't forgotten you: we promised to get back to you. We are still working on it. We will update you again by Tuesday."}]}""";

    static final String PROMISE = """
            {"text": "Call Maya back about the refund", "dueAt": "2026-11-24T16:00:00Z", "kind": "callback"}""";

    static final String ALERTS = """
            {"items": [{"id": "4001", "kind": "commitment_broken", "severity": "high", "firedAt": "2026-11-23T10:03:00Z",
              "conversationId": "2002", "topicId": null, "commitmentId": "3101", "recipients": ["11", "12"],
              "details": {"text": "We'll look into it and get back to you within 24 hours.", "dueAt": "2026-11-23T10:03:00Z",
                          "message": "A promise was broken (due 2026-11-23T10:03:00Z)"}}]}""";

    static final String WEBHOOK = """
            {"url": "https://hooks.example.com/earshot", "events": ["commitment_broken", "silent_customer", "sla_breach"],
             "secret": "a-long-random-secret-from-your-vault"}""";

    static final String TEAM = """
            {"name": "Care EU", "timeZone": "Europe/Berlin", "hours": "mon-fri 09:00-17:00; sat 10:00-14:00",
             "holidays": ["2026-12-25", "2026-12-26"], "leadId": "12"}""";

    static final String SLA_POLICY = """
            {"name": "VIP accounts", "position": 5, "minFollowers": 100000, "channels": ["twitter", "instagram"],
             "firstResponse": "15m", "updateCadence": "4h", "resolution": "1d", "businessHours": false}""";
}
