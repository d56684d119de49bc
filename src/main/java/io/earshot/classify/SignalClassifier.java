package io.earshot.classify;

import org.springframework.stereotype.Component;

/** Placeholder until the trained classifier lands (branch classify). */
@Component
public class SignalClassifier {

    public Signals classify(String text) {
        return new Signals("und", new Sentiment("neutral", 0.0), Intent.OTHER);
    }
}
