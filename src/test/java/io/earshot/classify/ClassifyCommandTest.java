package io.earshot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ClassifyCommandTest {

    @Test
    void writesOneTabSeparatedLinePerInputInOrder() {
        String input = "I hate this, worst service ever\n\nthank you so much, you guys are awesome\n"
                + "Hola, no puedo entrar en mi cuenta desde ayer\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long n = new ClassifyCommand(SignalClassifier.withDefaults())
                .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(bytes));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(4, n);
        assertEquals(5, lines.length); // four lines and the empty string after the last newline
        assertEquals("negative\tcomplaint\ten", lines[0]);
        assertEquals("neutral\tother\tund", lines[1]);
        assertEquals("positive\tpraise\ten", lines[2]);
        assertTrue(lines[3].endsWith("\tes"), lines[3]);
    }

    @Test
    void streamsManyLinesQuickly() {
        StringBuilder sb = new StringBuilder();
        String[] samples = {"@AmazonHelp my order is late again", "love it!", "is the site down?", "bonjour à tous les amis"};
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            sb.append(samples[i % samples.length]).append(' ').append(i).append('\n');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        long n = new ClassifyCommand(SignalClassifier.withDefaults())
                .run(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), new PrintStream(bytes));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(count, n);
        assertEquals(count, bytes.toString(StandardCharsets.UTF_8).split("\n").length);
        assertTrue(seconds < 30, "took " + seconds + " s");
    }
}
