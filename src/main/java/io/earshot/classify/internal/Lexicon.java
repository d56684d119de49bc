package io.earshot.classify.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A small polarity lexicon written by hand for this project (not copied from a published lexicon).
 * Words are in the tokeniser's normal form: lower case, apostrophes removed, letter runs cut to two.
 * Strength 2 marks words that are strongly polar on their own ("awesome", "worst").
 * Emoji polarity is a hand list as well. Immutable and thread-safe.
 */
public final class Lexicon {

    private static final String STRONG_POSITIVE = """
            love loved loves loving lovely adore adored amazing awesome excellent fantastic fabulous wonderful
            brilliant superb outstanding perfect perfection incredible gorgeous beautiful stunning magnificent
            best greatest thrilled delighted ecstatic overjoyed blessed grateful thankful marvelous marvellous
            phenomenal spectacular flawless legendary epic glorious terrific splendid heavenly yay yayy woohoo
            woo hooray congrats congratulations kudos bravo""";

    private static final String POSITIVE = """
            good great nice fine cool happy happier happiest glad pleased enjoy enjoyed enjoying enjoys fun funny
            like liked likes win wins won winning winner victory success successful excited exciting excite
            thanks thank thx thankyou ty appreciate appreciated appreciates helpful help helped kind kindly
            sweet cute pretty fresh smart clever proud pride hope hopeful hoping hopefully wish luck lucky
            fortunate positive super wow well better improve improved improvement recommend recommended
            favorite favourite fav fave interesting impressive impressed inspiring inspired inspire hero
            support supportive fast quick easy smooth reliable solid safe comfortable comfy friendly
            polite professional welcome welcomed celebrate celebrating celebration cheers joy joyful laugh
            laughing lol lmao haha hahaha hehe smile smiling smiles peace calm relax relaxing relaxed
            beauty champion champions glad pleasure pleasant delicious tasty yummy heaven paradise miracle
            bless adorable charming elegant classy rock rocks rocking ready worth valuable useful effective
            fixed resolved solved sorted working works glad agreed agree correct right honest true trust
            trusted loyal fair generous gift gifts free bonus deal excite finally birthday party holiday
            weekend friday tomorrow cant_wait excitement hilarious entertaining masterpiece fan fans
            yes yeah yep okay ok accomplished achieve achieved achievement promote promoted upgrade upgraded""";

    private static final String STRONG_NEGATIVE = """
            hate hated hates hating worst terrible horrible awful disgusting disgusted pathetic useless
            garbage trash rubbish crap crappy shit shitty fuck fucking fucked damn dammit wtf sucks sucked
            suck horrendous atrocious abysmal appalling dreadful furious outraged outrageous disgrace
            disgraceful scam scammed fraud ripoff nightmare unacceptable ridiculous incompetent incompetence
            despise loathe vile evil hell idiot idiots idiotic stupid moron dumb unbelievable ashamed shameful
            shame devastated heartbroken miserable depressed depressing rip killed murder dead died death""";

    private static final String NEGATIVE = """
            bad worse poor poorly sad sadly unhappy upset angry mad annoyed annoying annoys irritated
            irritating frustrated frustrating frustration disappointed disappointing disappointment fail
            failed fails failing failure broke broken break breaks crash crashed crashing crashes bug buggy bugs
            error errors problem problems issue issues wrong slow slowest late delay delayed delays lost lose
            losing loses loss missing miss missed never nothing cancel cancelled canceled refund complain
            complaint complaints complaining rude ignore ignored ignoring unhelpful waiting wait waited
            hours still again sick ill hurt hurts pain painful ugly boring bored tired exhausted sorry
            worry worried worrying scared afraid fear fears scary nervous anxious stress stressed stressful
            lonely alone cry crying cried tears sucks lame weak cheap overpriced expensive charged charge
            overcharged difficult hard impossible confusing confused mess messed messy dirty gross nasty
            fake lie lies lying liar cheat cheated cheating steal stole stolen threat threats attack attacked
            war kill kills bomb bombing terror terrorist terrorism violence violent crisis danger dangerous
            risk disaster tragic tragedy sadness grief mourn mourning cancer disease poison victim victims
            problem unfortunately unfortunate regret regrets blame blamed shocking shocked offended offensive
            racist sexist hateful doubt doubts against protest protests boo ugh meh smh nope hardly barely
            down outage unavailable unable cannot cant wont doesnt didnt dont isnt""";

    private static final String POSITIVE_EMOJI =
            "😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩😇🥳👍👏🙌💪🎉🎊❤♥💕💖💗💓💞💘💝💯🔥✨⭐🌟😻☺🙏💙💚💛💜🧡🤍😺😸👌✌🌹🌸🎂🏆🥇✅";
    private static final String NEGATIVE_EMOJI =
            "😞😟😠😡🤬😢😭😤😩😫😒🙄😔😕☹🙁😣😖😓😰😨😱💔👎🤮🤢😷😪😑😐🖕💩😬😧😦😥😿❌⚠🤦";

    private final Map<String, Integer> words;
    private final Map<Integer, Integer> emoji;

    public Lexicon() {
        Map<String, Integer> w = new HashMap<>();
        put(w, NEGATIVE, -1);
        put(w, POSITIVE, 1);
        put(w, STRONG_NEGATIVE, -2);
        put(w, STRONG_POSITIVE, 2);
        this.words = Map.copyOf(w);
        Map<Integer, Integer> e = new HashMap<>();
        POSITIVE_EMOJI.codePoints().forEach(cp -> e.put(cp, 1));
        NEGATIVE_EMOJI.codePoints().forEach(cp -> e.put(cp, -1));
        this.emoji = Map.copyOf(e);
    }

    private static void put(Map<String, Integer> map, String list, int polarity) {
        for (String word : list.trim().split("\\s+")) {
            map.put(word, polarity);
        }
    }

    /** Polarity of a word in normal form: -2, -1, 0, +1 or +2. */
    int polarity(String word) {
        Integer p = words.get(word);
        return p == null ? 0 : p;
    }

    /** Polarity of an emoji code point: -1, 0 or +1. */
    int emojiPolarity(int codePoint) {
        Integer p = emoji.get(codePoint);
        return p == null ? 0 : p;
    }
}
