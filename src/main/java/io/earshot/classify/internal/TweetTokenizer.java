package io.earshot.classify.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tokeniser for short social texts. One pass over the code points, no regular expressions:
 * <ul>
 *   <li>URLs become {@code <url>}, @mentions {@code <user>}, numbers {@code <num>};</li>
 *   <li>hashtags keep their word (marked as a hashtag);</li>
 *   <li>apostrophes are dropped inside words ("don't" and "dont" are the same token);</li>
 *   <li>letters repeated three times or more are cut to two ("soooo" to "soo") and counted;</li>
 *   <li>emoticons and emoji are tokens of their own and counted by polarity (hand lists);</li>
 *   <li>a negation word ("not", "never", "can't", ...) flags the words after it up to the next
 *       clause punctuation.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TweetTokenizer {

    private static final Set<String> NEGATORS = Set.of(
            "not", "no", "never", "cannot", "cant", "dont", "doesnt", "didnt", "wont", "wouldnt", "shouldnt",
            "couldnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "aint", "mustnt",
            "neednt", "nobody", "nothing", "none", "nor", "neither", "nowhere", "without", "nope", "nah",
            "dnt", "cnt", "wouldn", "didn", "doesn", "isn", "wasn", "hardly", "barely", "lack", "lacks");

    /** Emoticons by polarity: +1 positive, -1 negative, 0 neither. Longest first within a prefix. */
    private static final String[] EMOTICONS = {
            ":-)", ":)", ":-D", ":D", ";-)", ";)", ":-P", ":P", ":p", ":-p", "=)", "=D", ":]", "(:", "<3",
            "^_^", "^^", ":-*", ":*", "xD", "XD", ";D", ":')", "8)", "B)",
            ":-(", ":(", ":'(", ":-/", ":/", ":\\", ":-|", ":|", "D:", "=(", ":@", ">:(", "</3", ":-[", ":[",
            "):", ":-o", ":o", ":O", ":S", ":s", "-_-", "T_T", ">_<"};
    private static final int[] EMOTICON_POLARITY = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, 0, 0, 0, -1, -1, -1, -1, -1};

    private final Lexicon lexicon;

    public TweetTokenizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    public Tokens tokenize(String raw, int maxChars) {
        String text = raw == null ? "" : raw;
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
        }
        if (text.indexOf('&') >= 0) {
            text = unescapeEntities(text);
        }
        int n = text.length();
        int capacity = Math.max(8, n / 2 + 2);
        String[] tokens = new String[capacity];
        byte[] kinds = new byte[capacity];
        boolean[] negated = new boolean[capacity];
        int size = 0;
        int allCaps = 0;
        int elongated = 0;
        int exclamations = 0;
        int questions = 0;
        int emoPos = 0;
        int emoNeg = 0;
        int emoLast = 0;
        boolean inNegation = false;
        StringBuilder word = new StringBuilder(32);

        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
                continue;
            }
            if (size + 2 >= tokens.length) {
                int grown = tokens.length * 2;
                tokens = Arrays.copyOf(tokens, grown);
                kinds = Arrays.copyOf(kinds, grown);
                negated = Arrays.copyOf(negated, grown);
            }
            // URL
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && startsUrl(text, i)) {
                i = skipNonSpace(text, i);
                tokens[size] = Tokens.URL;
                kinds[size++] = Tokens.PLACEHOLDER;
                continue;
            }
            // @mention
            if ((c == '@' || c == '\uFF20') && i + 1 < n && isHandleChar(text.charAt(i + 1))) {
                i++;
                while (i < n && isHandleChar(text.charAt(i))) {
                    i++;
                }
                tokens[size] = Tokens.USER;
                kinds[size++] = Tokens.PLACEHOLDER;
                continue;
            }
            // emoticon (only at a token start)
            int emo = matchEmoticon(text, i);
            if (emo >= 0) {
                String e = EMOTICONS[emo];
                i += e.length();
                tokens[size] = e.toLowerCase(Locale.ROOT);
                kinds[size++] = Tokens.EMOTICON;
                int p = EMOTICON_POLARITY[emo];
                if (p > 0) {
                    emoPos++;
                } else if (p < 0) {
                    emoNeg++;
                }
                if (p != 0) {
                    emoLast = p;
                }
                continue;
            }
            boolean hashtag = false;
            int start = i;
            if ((c == '#' || c == '\uFF03') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                hashtag = true;
                i++;
                start = i;
            }
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                word.setLength(0);
                int upper = 0;
                int letters = 0;
                boolean digitsOnly = true;
                boolean hadNegContraction = false;
                int run = 0;
                int prev = -1;
                boolean wasElongated = false;
                while (i < n) {
                    int ch = text.codePointAt(i);
                    if (Character.isLetterOrDigit(ch) || ch == '_') {
                        if (Character.isLetter(ch)) {
                            letters++;
                            digitsOnly = false;
                            if (Character.isUpperCase(ch)) {
                                upper++;
                            }
                        } else if (ch == '_') {
                            digitsOnly = false;
                        }
                        int lower = Character.toLowerCase(ch);
                        if (lower == prev) {
                            run++;
                        } else {
                            run = 1;
                            prev = lower;
                        }
                        if (run <= 2) {
                            word.appendCodePoint(lower);
                        } else if (Character.isLetter(ch)) {
                            wasElongated = true;
                        } else {
                            word.appendCodePoint(lower);
                        }
                        i += Character.charCount(ch);
                    } else if ((ch == '\'' || ch == '\u2019' || ch == '`') && i + 1 < n
                            && Character.isLetter(text.charAt(i + 1)) && word.length() > 0) {
                        if (word.charAt(word.length() - 1) == 'n' && (text.charAt(i + 1) == 't' || text.charAt(i + 1) == 'T')) {
                            hadNegContraction = true;
                        }
                        i++;
                    } else if ((ch == '.' || ch == ',') && digitsOnly && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                        word.append((char) ch);
                        i++;
                    } else {
                        break;
                    }
                }
                String w;
                byte kind;
                if (digitsOnly && !hashtag) {
                    w = Tokens.NUMBER;
                    kind = Tokens.PLACEHOLDER;
                } else {
                    w = word.toString();
                    kind = hashtag ? Tokens.HASHTAG : Tokens.WORD;
                    if (letters >= 2 && upper == letters && !hashtag) {
                        allCaps++;
                    }
                    if (wasElongated) {
                        elongated++;
                    }
                }
                tokens[size] = w;
                kinds[size] = kind;
                negated[size] = inNegation && kind == Tokens.WORD;
                size++;
                if (kind == Tokens.WORD && (hadNegContraction || NEGATORS.contains(w))) {
                    inNegation = true;
                }
                continue;
            }
            if (hashtag) {
                // '#' followed by something we do not tokenise as a word: treat as punctuation
                i = start - 1;
                cp = '#';
            }
            // emoji and other symbols
            if (isEmojiLike(cp)) {
                i += Character.charCount(cp);
                if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                    continue; // variation selector, joiner, skin tone
                }
                tokens[size] = new String(Character.toChars(cp));
                kinds[size++] = Tokens.EMOJI;
                int p = lexicon.emojiPolarity(cp);
                if (p > 0) {
                    emoPos++;
                } else if (p < 0) {
                    emoNeg++;
                }
                if (p != 0) {
                    emoLast = p;
                }
                continue;
            }
            // punctuation: runs of the same character collapse into one token ("!!!" -> "!!")
            int runEnd = i + 1;
            while (runEnd < n && text.charAt(runEnd) == c) {
                runEnd++;
            }
            int len = runEnd - i;
            if (c == '!') {
                exclamations += len;
            } else if (c == '?') {
                questions += len;
            }
            String p;
            if (c == '"' || c == '\u201C' || c == '\u201D') {
                p = "\"";
            } else if (c == '\u2019' || c == '\u2018' || c == '`') {
                p = "'";
            } else if (c == '\u2026') {
                p = "...";
            } else if (len >= 2 && (c == '!' || c == '?' || c == '.')) {
                p = c == '.' ? "..." : String.valueOf(c) + c;
            } else {
                p = String.valueOf(c);
            }
            tokens[size] = p;
            kinds[size++] = Tokens.PUNCT;
            if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\u2026') {
                inNegation = false;
            }
            i = runEnd;
        }
        return new Tokens(tokens, kinds, negated, size, allCaps, elongated, exclamations, questions, emoPos, emoNeg,
                emoLast);
    }

    private static boolean startsUrl(String s, int i) {
        return s.regionMatches(true, i, "http://", 0, 7) || s.regionMatches(true, i, "https://", 0, 8)
                || s.regionMatches(true, i, "www.", 0, 4);
    }

    private static int skipNonSpace(String s, int i) {
        int n = s.length();
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isHandleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static int matchEmoticon(String s, int i) {
        char c = s.charAt(i);
        if (Character.isLetterOrDigit(c) && c != 'x' && c != 'X' && c != 'D' && c != 'T' && c != 'B' && c != '8') {
            return -1;
        }
        if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return -1;
        }
        for (int k = 0; k < EMOTICONS.length; k++) {
            String e = EMOTICONS[k];
            if (s.startsWith(e, i)) {
                int end = i + e.length();
                if (end < s.length()) {
                    char next = s.charAt(end);
                    if (Character.isLetterOrDigit(next)) {
                        continue;
                    }
                }
                return k;
            }
        }
        return -1;
    }

    private static boolean isEmojiLike(int cp) {
        if (cp >= 0x1F000 || cp == 0xFE0F || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || (cp >= 0x2600 && cp <= 0x27BF);
    }

    private static String unescapeEntities(String s) {
        return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'");
    }
}
