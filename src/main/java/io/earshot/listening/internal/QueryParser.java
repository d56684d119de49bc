package io.earshot.listening.internal;

import io.earshot.classify.Intent;
import io.earshot.ingest.Channel;
import io.earshot.platform.EarshotException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a topic query: words, "phrases", #tags and @handles; {@code channel:}, {@code lang:}, {@code sentiment:}
 * and {@code intent:}; {@code NOT} (or a leading {@code -}), {@code AND} (or nothing: terms side by side must all
 * occur), {@code OR} (or a comma) and parentheses. Operators are upper case, as in web search; a lower-case "or"
 * is a word. A mistake is answered with a 400 whose message names its position (counted from 1).
 */
public final class QueryParser {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_LITERALS = 50;
    static final int MAX_DEPTH = 20;
    private static final Set<String> FIELDS = Set.of("channel", "lang", "sentiment", "intent");
    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");

    private enum Kind { OPEN, CLOSE, OR, AND, NOT, TERM, END }

    private record Token(Kind kind, Expr term, String raw, int position) {
    }

    private final String query;
    private final List<Token> tokens;
    private int next;
    private int literals;

    private QueryParser(String query) {
        this.query = query;
        this.tokens = tokenize(query);
    }

    /** The query's expression, or a 400 on field {@code query} naming what is wrong and where. */
    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw invalid("query is required, e.g. \"never arrived\" OR refund NOT praise");
        }
        if (query.length() > MAX_LENGTH) {
            throw invalid("query is at most " + MAX_LENGTH + " characters");
        }
        QueryParser p = new QueryParser(query);
        Expr e = p.or(0);
        Token t = p.peek();
        if (t.kind != Kind.END) {
            throw invalid(t.kind == Kind.CLOSE
                    ? "unexpected ')' at position " + t.position + ": no parenthesis is open there"
                    : "unexpected '" + t.raw + "' at position " + t.position);
        }
        return e;
    }

    private Expr or(int depth) {
        List<Expr> parts = new ArrayList<>(List.of(and(depth)));
        while (peek().kind == Kind.OR) {
            Token op = take();
            parts.add(required(op, depth, this::and));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Any(List.copyOf(parts));
    }

    private Expr and(int depth) {
        List<Expr> parts = new ArrayList<>(List.of(unary(depth)));
        while (true) {
            Token t = peek();
            if (t.kind == Kind.AND) {
                take();
                parts.add(required(t, depth, this::unary));
            } else if (t.kind == Kind.TERM || t.kind == Kind.OPEN || t.kind == Kind.NOT) {
                parts.add(unary(depth));
            } else {
                break;
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.All(List.copyOf(parts));
    }

    private Expr unary(int depth) {
        Token t = peek();
        if (t.kind == Kind.NOT) {
            take();
            return new Expr.Not(required(t, depth, this::unary));
        }
        return primary(depth);
    }

    private Expr primary(int depth) {
        Token t = take();
        switch (t.kind) {
            case TERM -> {
                if (++literals > MAX_LITERALS) {
                    throw invalid("query has more than " + MAX_LITERALS + " terms (at position " + t.position + ")");
                }
                return t.term;
            }
            case OPEN -> {
                if (depth >= MAX_DEPTH) {
                    throw invalid("parentheses nest deeper than " + MAX_DEPTH + " at position " + t.position);
                }
                Expr inner = or(depth + 1);
                if (peek().kind != Kind.CLOSE) {
                    throw invalid("the parenthesis opened at position " + t.position + " is never closed");
                }
                take();
                return inner;
            }
            case END -> throw invalid("the query ends at position " + t.position + " where a word was expected");
            default -> throw invalid("unexpected '" + t.raw + "' at position " + t.position + " where a word was expected");
        }
    }

    private interface Part {
        Expr read(int depth);
    }

    private Expr required(Token op, int depth, Part part) {
        if (peek().kind == Kind.END) {
            throw invalid("the query ends after " + op.raw + " at position " + op.position + "; a word is expected after it");
        }
        return part.read(depth);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.END) {
            next++;
        }
        return t;
    }

    private static List<Token> tokenize(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.OPEN, null, "(", pos));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.CLOSE, null, ")", pos));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.OR, null, ",", pos));
                i++;
            } else if (c == '"') {
                int end = q.indexOf('"', i + 1);
                if (end < 0) {
                    throw invalid("the quote opened at position " + pos + " is never closed");
                }
                out.add(new Token(Kind.TERM, literal(q.substring(i + 1, end), pos), q.substring(i, end + 1), pos));
                i = end + 1;
            } else if (c == '-' && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))
                    && (i == 0 || Character.isWhitespace(q.charAt(i - 1)) || q.charAt(i - 1) == '(')) {
                out.add(new Token(Kind.NOT, null, "-", pos));
                i++;
            } else {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && "()\",".indexOf(q.charAt(end)) < 0) {
                    end++;
                }
                String raw = q.substring(i, end);
                out.add(switch (raw) {
                    case "OR" -> new Token(Kind.OR, null, raw, pos);
                    case "AND" -> new Token(Kind.AND, null, raw, pos);
                    case "NOT" -> new Token(Kind.NOT, null, raw, pos);
                    default -> new Token(Kind.TERM, word(raw, pos), raw, pos);
                });
                i = end;
            }
        }
        out.add(new Token(Kind.END, null, "", q.length() + 1));
        return out;
    }

    private static Expr word(String raw, int pos) {
        int colon = raw.indexOf(':');
        if (colon > 0) {
            String name = raw.substring(0, colon).toLowerCase(Locale.ROOT);
            if (FIELDS.contains(name)) {
                return field(name, raw.substring(colon + 1).toLowerCase(Locale.ROOT), pos);
            }
        }
        return literal(raw, pos);
    }

    private static Expr field(String name, String value, int pos) {
        boolean ok = switch (name) {
            case "channel" -> Channel.fromWire(value).isPresent();
            case "sentiment" -> SENTIMENTS.contains(value);
            case "intent" -> Arrays.stream(Intent.values()).anyMatch(i -> i.wireName().equals(value));
            default -> value.matches("[a-z]{2,3}");
        };
        if (!ok) {
            String expected = switch (name) {
                case "channel" -> String.join(", ", Channel.wireNames());
                case "sentiment" -> "negative, neutral, positive";
                case "intent" -> String.join(", ", Arrays.stream(Intent.values()).map(Intent::wireName).toList());
                default -> "a two-letter language code such as en or de";
            };
            throw invalid(name + ":" + value + " at position " + pos + " is not known; " + name + " is one of " + expected);
        }
        return new Expr.Field(name, value);
    }

    private static Expr literal(String raw, int pos) {
        String text = normalise(raw);
        String letters = text.replaceFirst("^[#@]", "");
        if (letters.codePointCount(0, letters.length()) < 2) {
            throw invalid("'" + raw + "' at position " + pos + " is too short: a word needs at least 2 characters");
        }
        if (text.length() > 100) {
            throw invalid("the term at position " + pos + " is longer than 100 characters");
        }
        return new Expr.Literal(text);
    }

    /** Lower case, runs of white space as one space, trimmed: how both queries and messages are compared. */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** Every literal of the expression that can make it match (not under a NOT), in order. */
    public static List<String> positiveLiterals(Expr e) {
        List<String> out = new ArrayList<>();
        collect(e, false, out);
        return out.stream().distinct().toList();
    }

    /** Every literal of the expression, under NOT or not. */
    public static List<String> allLiterals(Expr e) {
        List<String> out = new ArrayList<>();
        collect(e, null, out);
        return out.stream().distinct().toList();
    }

    private static void collect(Expr e, Boolean negated, List<String> out) {
        if (e instanceof Expr.Literal l) {
            if (negated == null || !negated) {
                out.add(l.text());
            }
        } else if (e instanceof Expr.Not n) {
            collect(n.inner(), negated == null ? null : !negated, out);
        } else if (e instanceof Expr.All a) {
            a.parts().forEach(p -> collect(p, negated, out));
        } else if (e instanceof Expr.Any a) {
            a.parts().forEach(p -> collect(p, negated, out));
        }
    }

    private static EarshotException invalid(String message) {
        return EarshotException.invalid("query", message);
    }
}
