package io.earshot.conversation;

import io.earshot.conversation.internal.Conversation;
import io.earshot.conversation.internal.ConversationRows;
import io.earshot.conversation.internal.MessageSearch;
import io.earshot.conversation.internal.Sql;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The read side: the inbox list with its filters, sorts and cursors, and one conversation in full. */
@Service
public class ConversationQueries {

    private static final String SELECT = "select " + prefixed() + ", cu.handle as cu_handle, cu.name as cu_name, "
            + "cu.followers as cu_followers, cu.verified as cu_verified "
            + "from conversation c join customer cu on cu.id = c.customer_id";

    private final JdbcTemplate jdbc;
    private final ConversationRows rows;
    private final Clock clock;

    /** How many conversations, in the page's order, a search checks one by one before it asks the words index. */
    private final int searchWindow;
    /** Fewer messages than this estimated to hold a search's words: the search reads the words index first. */
    private final long rareBelow;

    private final Agents agents;
    private final org.springframework.beans.factory.ObjectProvider<FollowUpFacts> followUpFacts;

    private final io.earshot.ingest.ChannelCatalog catalog;

    ConversationQueries(JdbcTemplate jdbc, ConversationRows rows, Clock clock, Agents agents,
                        org.springframework.beans.factory.ObjectProvider<FollowUpFacts> followUpFacts,
                        @org.springframework.beans.factory.annotation.Value("${earshot.search.check-first:5000}") int searchWindow,
                        @org.springframework.beans.factory.annotation.Value("${earshot.search.rare-below:20000}") long rareBelow,
                        io.earshot.ingest.ChannelCatalog catalog) {
        this.catalog = catalog;
        this.searchWindow = Math.max(1, searchWindow);
        this.rareBelow = rareBelow;
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
        this.agents = agents;
        this.followUpFacts = followUpFacts;
    }

    private static String prefixed() {
        StringBuilder sb = new StringBuilder();
        for (String col : ConversationRows.COLUMNS.split(",\\s*")) {
            sb.append(sb.length() == 0 ? "" : ", ").append("c.").append(col);
        }
        return sb.toString();
    }

    public Page<ConversationView> list(ConversationQuery query) {
        Sort sort = Sort.of(query.sort());
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (!"all".equals(query.status())) {
            ConversationStatus.fromWire(query.status()).orElseThrow(() -> EarshotException.invalid("status",
                    "status must be open, pending, resolved or all, not '" + query.status() + "'"));
            where.append(" and c.status = ?");
            args.add(query.status());
        }
        if (sort == Sort.WAITING) {
            where.append(" and c.status = 'open' and c.last_inbound_at is not null"
                    + " and (c.last_outbound_at is null or c.last_outbound_at < c.last_inbound_at)");
        }
        if (query.channel() != null && !query.channel().isBlank()) {
            where.append(" and c.channel = ?");
            args.add(query.channel());
        }
        if (query.assignee() != null) {
            where.append(" and c.assignee_id = ?");
            args.add(query.assignee());
        }
        if (query.intent() != null && !query.intent().isBlank()) {
            where.append(" and c.intent = ?");
            args.add(query.intent());
        }
        if (query.sentiment() != null && !query.sentiment().isBlank()) {
            where.append(" and c.sentiment_label = ?");
            args.add(query.sentiment());
        }
        if (query.among() != null) {
            where.append(" and c.id = any(?)");
            args.add(Sql.array(query.among()));
        }
        if (query.teamId() != null) {
            where.append(" and c.assignee_id = any(?)");
            args.add(Sql.array(agents.inTeam(query.teamId())));
        }
        Search words = null;
        if (query.q() != null && !query.q().isBlank()) {
            String tsquery = MessageSearch.tsquery(query.q());
            if (tsquery == null) {
                where.append(" and false"); // nothing searchable in it (only punctuation): nothing matches
            } else {
                words = search(tsquery);
            }
        }
        if (query.cursor() != null && !query.cursor().isBlank()) {
            sort.after(Cursor.decode(query.cursor(), sort), where, args);
        }
        int limit = query.limit();
        long now = clock.millis();
        List<ConversationView> items;
        if ("all".equals(query.status()) && sort != Sort.WAITING) {
            // every status: the first page of each status read from its own index (status, sort key, id), merged
            // here. The conversation table keeps no status-less sort indexes: each one costs every ingested message
            // a write. (One query each, not a UNION: H2 does not choose a derived table's index by its ORDER BY.)
            items = new ArrayList<>();
            for (ConversationStatus status : ConversationStatus.values()) {
                List<Object> these = new ArrayList<>(args);
                these.add(status.wireName());
                items.addAll(fetch(where + " and c.status = ?", these, sort, "order by c.status, " + sort.orderBy, limit + 1, words, now));
            }
            items.sort(sort.order());
            if (items.size() > limit + 1) {
                items = new ArrayList<>(items.subList(0, limit + 1));
            }
        } else {
            // with one status, leading the order with it (a no-op) lets the database read the page from that sort's index
            items = fetch(where.toString(), args, sort, "order by " + ("all".equals(query.status()) ? "" : "c.status, ") + sort.orderBy,
                    limit + 1, words, now);
        }
        String next = null;
        if (items.size() > limit) {
            items = new ArrayList<>(items.subList(0, limit));
            ConversationView last = items.get(limit - 1);
            next = Cursor.encode(sort, last);
        }
        return new Page<>(enrich(items), next);
    }


    /**
     * The first {@code n} conversations matching {@code where}, in {@code sort}'s order; with {@code words}, only those
     * with a message holding them. A search has two ways, and the planner cannot tell in advance which is quick: a
     * common word is found by walking the conversations in the page's order, checking each one's stored message words,
     * and the page fills within the first few hundred; a rare one is found by reading its messages from the words
     * index and sorting their conversations. The database's own estimate of how many messages hold the words (its
     * statistics of the words column) picks the way: the index for a rare word; for a common one the walk, which goes
     * as far as the {@code earshot.search.check-first}-th conversation (5,000; found by a walk of the sort's index),
     * and only when that does not fill the page does the index answer. Either way the answer is the same.
     */
    private List<ConversationView> fetch(String where, List<Object> args, Sort sort, String orderBy, int n, Search words, long now) {
        String exists = " and exists (select 1 from message m where m.conversation_id = c.id "
                + "and m.body_words @@ to_tsquery('simple', ?))";
        if (words == null) {
            return page(SELECT + where, args, orderBy, n, now);
        }
        if (words.rare()) {
            return byIndex(where, args, orderBy, n, words.query(), now);
        }
        List<Object> boundaryArgs = new ArrayList<>(args);
        boundaryArgs.add(searchWindow - 1);
        List<Object[]> boundary = jdbc.query("select " + sort.key + ", c.id from conversation c" + where + " " + orderBy
                + " offset ? limit 1", (rs, row) -> new Object[] {rs.getObject(1) == null ? null : rs.getLong(1), rs.getLong(2)},
                boundaryArgs.toArray());
        List<Object> walkArgs = new ArrayList<>(args);
        StringBuilder walk = new StringBuilder(where);
        if (!boundary.isEmpty()) {
            sort.atOrBefore((Long) boundary.get(0)[0], (Long) boundary.get(0)[1], walk, walkArgs);
        }
        walkArgs.add(words.query());
        List<ConversationView> found = page(SELECT + walk + exists, walkArgs, orderBy, n, now);
        if (found.size() >= n || boundary.isEmpty()) {
            return found; // the page is full, or every candidate was checked
        }
        return byIndex(where, args, orderBy, n, words.query(), now);
    }

    /** Search by the words index: the messages holding the words, then their conversations in the page's order. */
    private List<ConversationView> byIndex(String where, List<Object> args, String orderBy, int n, String words, long now) {
        List<Object> indexed = new ArrayList<>();
        indexed.add(words);
        indexed.addAll(args);
        return page("with hits as materialized (select distinct m.conversation_id from message m "
                + "where m.body_words @@ to_tsquery('simple', ?)) " + SELECT + where
                + " and c.id in (select conversation_id from hits)", indexed, orderBy, n, now);
    }

    /** A search's words as a tsquery, and whether the database expects few messages to hold them. */
    private record Search(String query, boolean rare) {
    }

    private Search search(String words) {
        // the planner's estimate from the words column's statistics: no scan, about a millisecond
        // (the words inline: a bound parameter may get a generic plan, estimated without them; MessageSearch leaves no
        // quote but its own in them)
        List<String> plan = jdbc.queryForList("explain (format json) select 1 from message m "
                + "where m.body_words @@ to_tsquery('simple', '" + words.replace("'", "''") + "')", String.class);
        java.util.regex.Matcher rows = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9.e+]+)").matcher(String.join("", plan));
        double estimate = rows.find() ? Double.parseDouble(rows.group(1)) : Double.MAX_VALUE;
        return new Search(words, estimate < rareBelow);
    }

    private List<ConversationView> page(String sql, List<Object> args, String orderBy, int n, long now) {
        List<Object> all = new ArrayList<>(args);
        all.add(n);
        return jdbc.query(sql + " " + orderBy + " limit ?", (rs, row) -> view(rs, now), all.toArray());
    }

    private record Counts(long takenAt, java.util.Map<String, Long> counts) {
    }

    private final java.util.concurrent.atomic.AtomicReference<Counts> counts = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * How many conversations are in each status (the inbox's view counts), at most two seconds old: counting reads
     * the whole table (about 20 ms per 100,000 conversations on PostgreSQL), and every inbox page shows them.
     */
    /** How many conversations and customers (merged ones included) are stored: {@code [conversations, customers]}. */
    public long[] totals() {
        return new long[] {jdbc.queryForObject("select count(*) from conversation", Long.class),
            jdbc.queryForObject("select count(*) from customer", Long.class)};
    }

    /** How many open conversations are at each priority level, urgent first (every level listed). */
    public java.util.Map<String, Long> openByPriorityLevel() {
        java.util.Map<String, Long> levels = new java.util.LinkedHashMap<>();
        for (String level : List.of("urgent", "high", "normal", "low")) {
            levels.put(level, 0L);
        }
        jdbc.query("select priority_level, count(*) from conversation where status = 'open' group by priority_level",
                rs -> {
                    levels.put(rs.getString(1), rs.getLong(2));
                });
        return levels;
    }

    public java.util.Map<String, Long> countsByStatus() {
        Counts c = counts.get();
        long now = System.nanoTime(); // freshness of a cache, not domain time
        if (c == null || now - c.takenAt() > 2_000_000_000L) {
            c = new Counts(now, countNow());
            counts.set(c);
        }
        return c.counts();
    }

    private java.util.Map<String, Long> countNow() {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (ConversationStatus st : ConversationStatus.values()) {
            counts.put(st.wireName(), 0L);
        }
        jdbc.query("select status, count(*) from conversation group by status", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** What the deadlines of a conversation are computed from, as stored now. */
    public Optional<DeadlineInput> deadlineInput(long id) {
        return jdbc.query("select c.id, c.channel, c.status, c.sentiment_label, c.intent, c.priority_level, cu.followers, "
                + "c.assignee_id, c.created_at, c.last_inbound_at, c.last_outbound_at, c.first_response_at, c.resolved_at, "
                + "c.sla_pauses, c.sla_policy_id from conversation c left join customer cu on cu.id = c.customer_id where c.id = ?",
                (rs, n) -> new DeadlineInput(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), Sql.longOrNull(rs, "assignee_id"), at(rs, "created_at"),
                        at(rs, "last_inbound_at"), at(rs, "last_outbound_at"), at(rs, "first_response_at"),
                        at(rs, "resolved_at"), rs.getString(14), Sql.longOrNull(rs, "sla_policy_id")), id).stream().findFirst();
    }

    private static java.time.Instant at(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Long v = Sql.longOrNull(rs, column);
        return v == null ? null : java.time.Instant.ofEpochMilli(v);
    }

    public Optional<ConversationView> one(long id) {
        long now = clock.millis();
        return enrich(jdbc.query(SELECT + " where c.id = ?", (rs, n) -> view(rs, now), id)).stream().findFirst();
    }

    /**
     * Adds the assignees' names (platform keeps agents) and what follow-up keeps about the listed conversations:
     * recorded SLA breaches, the policy's name and the count of open promises ({@link FollowUpFacts}).
     */
    private List<ConversationView> enrich(List<ConversationView> views) {
        if (views.isEmpty()) {
            return views;
        }
        FollowUpFacts.Facts facts = followUpFacts.getIfAvailable(() -> ids -> FollowUpFacts.Facts.NONE).about(views.stream().map(v -> Long.parseLong(v.id())).toList());
        java.util.Map<Long, String> names = views.stream().anyMatch(v -> v.assignee() != null) ? agents.names() : java.util.Map.of();
        return views.stream().map(v -> {
            long id = Long.parseLong(v.id());
            String policy = v.sla().policy();
            return v.with(v.assignee() == null ? null : new ConversationView.AgentRef(v.assignee().id(),
                            names.get(Long.parseLong(v.assignee().id()))),
                    facts.breaches().getOrDefault(id, List.of()),
                    policy == null ? null : facts.policyNames().getOrDefault(policy, policy),
                    facts.openPromises().getOrDefault(id, 0));
        }).toList();
    }

    /** Which of {@code externalIds} are stored on {@code channel}: a connector threads a reply by the parent it knows. */
    public java.util.Set<String> storedExternalIds(String channel, java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.queryForList("select external_id from message where channel = ? "
                + "and external_id = any (?)", String.class, channel, externalIds.toArray(String[]::new)));
    }

    /** Where a stored message came from: its channel, external id and account (null when it came through the API). */
    public record MessageSource(String channel, String externalId, Long accountId) {
    }

    public Optional<MessageSource> source(long messageId) {
        return jdbc.query("select channel, external_id, account_id from message where id = ?", (rs, n) ->
                new MessageSource(rs.getString(1), rs.getString(2), Sql.longOrNull(rs, "account_id")), messageId).stream().findFirst();
    }

    /** A message the company sent on a conversation, briefly. */
    public record SentMessage(long messageId, String authorHandle, Instant at) {
    }

    /** The company's messages on a conversation from {@code from} to {@code to}, both included, earliest first. */
    public List<SentMessage> sentBetween(long conversationId, Instant from, Instant to) {
        return jdbc.query("select id, author_handle, created_at from message where conversation_id = ? and inbound = false "
                + "and created_at >= ? and created_at <= ? order by created_at, id", (rs, n) -> new SentMessage(rs.getLong(1),
                rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))), conversationId, from.toEpochMilli(), to.toEpochMilli());
    }

    /**
     * The ways to answer conversation {@code conversationId}, newest first: one per channel, account and address the
     * customer wrote from. The first is where a reply goes unless the agent picks another. A source Earshot only
     * listens to (a feed) is no route: its messages cannot be answered from Earshot.
     */
    public List<ReplyRoute> routes(long conversationId) {
        List<ReplyRoute> found = new ArrayList<>();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        jdbc.query("select id, channel, account_id, coalesce(reply_address, author_handle) as recipient from message "
                + "where conversation_id = ? and inbound = true order by created_at desc, id desc limit 500", rs -> {
                    String channel = rs.getString("channel");
                    Long account = Sql.longOrNull(rs, "account_id");
                    String recipient = rs.getString("recipient");
                    io.earshot.ingest.ChannelTraits t = catalog.traits(channel, account);
                    if (t.replies() && seen.add(java.util.Arrays.asList(channel, account, recipient))) {
                        found.add(new ReplyRoute(rs.getString("id"), channel, Ids.str(account), recipient, t.replyLimit(),
                                t.publicChannel()));
                    }
                }, conversationId);
        return found;
    }

    /** The route a reply to {@code replyTo} (a message id; null for the newest) takes, if the conversation has it. */
    public java.util.Optional<ReplyRoute> route(long conversationId, String replyTo) {
        List<ReplyRoute> all = routes(conversationId);
        if (replyTo == null || replyTo.isBlank()) {
            return all.stream().findFirst();
        }
        return all.stream().filter(r -> r.replyTo().equals(replyTo)).findFirst();
    }

    public ConversationDetail detail(String idText) {
        long id = Ids.require(idText, "conversation");
        ConversationView view = one(id).orElseThrow(() -> EarshotException.notFound("conversation", idText));
        List<ConversationDetail.MessageView> messages = jdbc.query(
                "select m.id, m.channel, m.external_id, m.inbound, m.author_handle, m.author_name, m.agent_id, m.body, "
                        + "m.created_at, m.in_reply_to, m.private_message, m.url, m.language, m.sentiment_label, "
                        + "m.sentiment_score, m.intent, m.account_id, m.subject, o.status as delivery, o.last_error, o.recipient "
                        + "from message m "
                        + "left join outbox o on o.message_id = m.id where m.conversation_id = ? order by m.created_at, m.id",
                (rs, n) -> {
                    boolean inbound = rs.getBoolean("inbound");
                    float score = rs.getFloat("sentiment_score");
                    Double s = rs.wasNull() ? null : (double) score;
                    return new ConversationDetail.MessageView(rs.getString("id"), rs.getString("channel"),
                            rs.getString("external_id"), inbound ? "inbound" : "outbound",
                            new ConversationDetail.AuthorView(rs.getString("author_handle"), rs.getString("author_name"),
                                    Ids.str(Sql.longOrNull(rs, "agent_id"))),
                            rs.getString("body"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("in_reply_to"),
                            rs.getBoolean("private_message"), rs.getString("url"),
                            inbound ? new ConversationDetail.Signals(rs.getString("language"),
                                    new ConversationView.SentimentView(rs.getString("sentiment_label"), s), rs.getString("intent"))
                                    : null,
                            rs.getString("delivery"), inbound ? null : rs.getString("last_error"),
                            Ids.str(Sql.longOrNull(rs, "account_id")), rs.getString("subject"), rs.getString("recipient"));
                }, id);
        java.util.Map<Long, String> names = agents.names();
        List<ConversationDetail.EventView> events = jdbc.query(
                "select e.id, e.at, e.kind, e.actor, e.agent_id, e.details from conversation_event e "
                        + "where e.conversation_id = ? order by e.at, e.id",
                (rs, n) -> {
                    Long agent = Sql.longOrNull(rs, "agent_id");
                    return new ConversationDetail.EventView(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3), rs.getString(4), Ids.str(agent), agent == null ? null : names.get(agent), rs.getString(6));
                }, id);
        return new ConversationDetail(view, messages, List.of(), events, routes(id));
    }

    private ConversationView view(ResultSet rs, long now) throws SQLException {
        Conversation.State c = rows.state(rs);
        List<ConversationView.Breach> breaches = new ArrayList<>();
        if (c.status() != ConversationStatus.RESOLVED) {
            if (c.firstResponseAt() == null && c.firstResponseDue() != null && c.firstResponseDue() < now) {
                breaches.add(new ConversationView.Breach("firstResponse", instant(c.firstResponseDue()), false));
            }
            if (c.nextUpdateDue() != null && c.nextUpdateDue() < now) {
                breaches.add(new ConversationView.Breach("nextUpdate", instant(c.nextUpdateDue()), false));
            }
            if (c.resolutionDue() != null && c.resolutionDue() < now) {
                breaches.add(new ConversationView.Breach("resolution", instant(c.resolutionDue()), false));
            }
        }
        return new ConversationView(Long.toString(c.id()), c.status().wireName(), c.channel(),
                new ConversationView.CustomerRef(Long.toString(c.customerId()), rs.getString("cu_handle"), rs.getString("cu_name"),
                        rs.getLong("cu_followers"), rs.getBoolean("cu_verified")),
                c.preview(), c.priority(), new ConversationView.SentimentView(c.sentimentLabel(), c.sentimentScore()),
                c.intent() == null ? null : c.intent().wireName(), c.language(), c.assigneeId() == null ? null : new ConversationView.AgentRef(Long.toString(c.assigneeId()),
                        null),
                instant(c.createdAt()), instant(c.lastInboundAt()), instant(c.lastOutboundAt()), instant(c.firstResponseAt()),
                new ConversationView.Sla(instant(c.firstResponseAt() == null ? c.firstResponseDue() : null), instant(c.nextUpdateDue()),
                        instant(c.resolutionDue()), breaches, c.slaPolicyId() == null ? null : Long.toString(c.slaPolicyId())),
                0);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The sorts and their keyset conditions. */
    enum Sort {
        PRIORITY("c.priority_score desc, c.id desc", "c.priority_score", ">="),
        NEWEST("c.created_at desc, c.id desc", "c.created_at", ">="),
        OLDEST("c.created_at asc, c.id asc", "c.created_at", "<="),
        DUE("c.due_at asc, c.id asc", "c.due_at", "<="),
        /** Waiting on us longest: open conversations where the customer spoke last, by their oldest unanswered word. */
        WAITING("c.last_inbound_at asc, c.id asc", "c.last_inbound_at", "<=");

        final String orderBy;
        /** The sort key's column. */
        final String key;
        /** How a row at or before a position compares with it, as a row value (key, id): an index range. */
        private final String atOrBefore;

        Sort(String orderBy, String key, String atOrBefore) {
            this.orderBy = orderBy;
            this.key = key;
            this.atOrBefore = atOrBefore;
        }

        /** Keeps the rows that come no later in this order than the row with this key and id. */
        void atOrBefore(Long key, long id, StringBuilder where, List<Object> args) {
            if (key == null) { // only 'due' has rows without a key, and they come last
                where.append(" and (c.due_at is not null or c.id <= ?)");
                args.add(id);
                return;
            }
            where.append(" and (").append(this.key).append(", c.id) ").append(atOrBefore).append(" (?, ?)");
            args.add(key);
            args.add(id);
        }

        static Sort of(String value) {
            for (Sort s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return s;
                }
            }
            throw EarshotException.invalid("sort", "sort must be priority, oldest, newest, due or waiting, not '" + value + "'");
        }

        /** The order of {@link #orderBy}, over views: by the sort key (absent keys last), then by id. */
        java.util.Comparator<ConversationView> order() {
            boolean descending = this == PRIORITY || this == NEWEST;
            java.util.Comparator<ConversationView> byKey = java.util.Comparator.comparing(this::keyOf,
                    java.util.Comparator.nullsLast(descending ? java.util.Comparator.<Long>reverseOrder() : java.util.Comparator.<Long>naturalOrder()));
            java.util.Comparator<ConversationView> byId = java.util.Comparator.comparingLong(v -> Long.parseLong(v.id()));
            return byKey.thenComparing(descending ? byId.reversed() : byId);
        }

        Long keyOf(ConversationView v) {
            switch (this) {
                case PRIORITY:
                    return (long) v.priority().score();
                case NEWEST:
                case OLDEST:
                    return v.createdAt().toEpochMilli();
                case WAITING:
                    return v.lastInboundAt() == null ? 0L : v.lastInboundAt().toEpochMilli();
                default:
                    // as Conversation.dueAt(), the stored due_at: a resolved conversation is due at no time
                    Instant due = "resolved".equals(v.status()) ? null : earliest(v.sla());
                    return due == null ? null : due.toEpochMilli();
            }
        }

        void after(Cursor cursor, StringBuilder where, List<Object> args) {
            switch (this) {
                case PRIORITY:
                    where.append(" and (c.priority_score < ? or (c.priority_score = ? and c.id < ?))");
                    args.add(cursor.key());
                    args.add(cursor.key());
                    args.add(cursor.id());
                    break;
                case NEWEST:
                    where.append(" and (c.created_at < ? or (c.created_at = ? and c.id < ?))");
                    args.add(cursor.key());
                    args.add(cursor.key());
                    args.add(cursor.id());
                    break;
                case OLDEST:
                    where.append(" and (c.created_at > ? or (c.created_at = ? and c.id > ?))");
                    args.add(cursor.key());
                    args.add(cursor.key());
                    args.add(cursor.id());
                    break;
                case WAITING:
                    where.append(" and (c.last_inbound_at > ? or (c.last_inbound_at = ? and c.id > ?))");
                    args.add(cursor.key());
                    args.add(cursor.key());
                    args.add(cursor.id());
                    break;
                default:
                    if (cursor.key() == null) {
                        where.append(" and c.due_at is null and c.id > ?");
                        args.add(cursor.id());
                    } else {
                        where.append(" and (c.due_at > ? or (c.due_at = ? and c.id > ?) or c.due_at is null)");
                        args.add(cursor.key());
                        args.add(cursor.key());
                        args.add(cursor.id());
                    }
            }
        }

        private static Instant earliest(ConversationView.Sla sla) {
            Instant best = null;
            for (Instant i : new Instant[] {sla.firstResponseDue(), sla.nextUpdateDue(), sla.resolutionDue()}) {
                if (i != null && (best == null || i.isBefore(best))) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** Where a page ended: the sort, the sort key and the id, opaque to clients. */
    record Cursor(Sort sort, Long key, long id) {

        static String encode(Sort sort, ConversationView last) {
            Long key = sort.keyOf(last);
            String raw = sort.name() + ":" + (key == null ? "-" : key) + ":" + last.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text, Sort expected) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[0].equals(expected.name())) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(expected, "-".equals(parts[1]) ? null : Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (IllegalArgumentException e) {
                throw EarshotException.invalid("cursor", "cursor is not one this inbox handed out for sort="
                        + expected.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
