package io.earshot.web;

/** The inbox's filters as the page shows them; blank means any (public for the templates). */
public record InboxFilters(String status, String sort, String channel, String q, boolean mine, String intent, String sentiment,
                           Long team, Long assignee, Long topic) {

    public String query() {
        StringBuilder b = new StringBuilder("status=").append(status).append("&sort=").append(sort);
        if (channel != null && !channel.isBlank()) {
            b.append("&channel=").append(java.net.URLEncoder.encode(channel, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (q != null && !q.isBlank()) {
            b.append("&q=").append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (mine) {
            b.append("&mine=true");
        }
        if (intent != null && !intent.isBlank()) {
            b.append("&intent=").append(java.net.URLEncoder.encode(intent, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (sentiment != null && !sentiment.isBlank()) {
            b.append("&sentiment=").append(java.net.URLEncoder.encode(sentiment, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (team != null) {
            b.append("&team=").append(team);
        }
        if (assignee != null) {
            b.append("&assignee=").append(assignee);
        }
        if (topic != null) {
            b.append("&topic=").append(topic);
        }
        return b.toString();
    }
}
