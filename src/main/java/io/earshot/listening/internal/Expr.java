package io.earshot.listening.internal;

import java.util.List;

/** A parsed topic query: literals (words, phrases, #tags, @handles), field tests, and NOT, AND and OR over them. */
public sealed interface Expr {

    /** Whether a message with these facts matches. */
    boolean test(MessageFacts facts);

    /**
     * What the query says of a message in which no literal occurs: {@link Maybe#NO} when it can never match such a
     * message (so only messages in which the automaton found a literal need testing), else YES or UNKNOWN.
     */
    Maybe withoutLiterals();

    /** A word, phrase, #tag or @handle, lower case with single spaces, looked for as whole words. */
    record Literal(String text) implements Expr {
        @Override
        public boolean test(MessageFacts facts) {
            return facts.literals().contains(text);
        }

        @Override
        public Maybe withoutLiterals() {
            return Maybe.NO;
        }
    }

    /** {@code channel:x}, {@code lang:xx}, {@code sentiment:x} or {@code intent:x}. */
    record Field(String name, String value) implements Expr {
        @Override
        public boolean test(MessageFacts facts) {
            return value.equals(facts.field(name));
        }

        @Override
        public Maybe withoutLiterals() {
            return Maybe.UNKNOWN;
        }
    }

    record Not(Expr inner) implements Expr {
        @Override
        public boolean test(MessageFacts facts) {
            return !inner.test(facts);
        }

        @Override
        public Maybe withoutLiterals() {
            return inner.withoutLiterals().not();
        }
    }

    record All(List<Expr> parts) implements Expr {
        @Override
        public boolean test(MessageFacts facts) {
            for (Expr e : parts) {
                if (!e.test(facts)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Maybe withoutLiterals() {
            Maybe out = Maybe.YES;
            for (Expr e : parts) {
                out = out.and(e.withoutLiterals());
            }
            return out;
        }
    }

    record Any(List<Expr> parts) implements Expr {
        @Override
        public boolean test(MessageFacts facts) {
            for (Expr e : parts) {
                if (e.test(facts)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Maybe withoutLiterals() {
            Maybe out = Maybe.NO;
            for (Expr e : parts) {
                out = out.or(e.withoutLiterals());
            }
            return out;
        }
    }

    /** Kleene's three-valued logic. */
    enum Maybe {
        NO, UNKNOWN, YES;

        Maybe not() {
            return this == NO ? YES : this == YES ? NO : UNKNOWN;
        }

        Maybe and(Maybe o) {
            return values()[Math.min(ordinal(), o.ordinal())];
        }

        Maybe or(Maybe o) {
            return values()[Math.max(ordinal(), o.ordinal())];
        }
    }
}
