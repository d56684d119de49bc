package io.earshot;

import io.earshot.cli.ClassifyCli;
import io.earshot.cli.DetectSpikesCli;
import io.earshot.cli.NabScoreCli;
import io.earshot.cli.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Earshot. Without a command it serves the desk and the API; {@code replay FILE} feeds a file through the
 * pipeline; {@code classify} prints the signals of each line of standard input; {@code detect-spikes FILE.csv} and
 * {@code nab-score DIR} run the spike detector on NAB-format series (neither starts Spring).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EarshotApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "replay":
                System.exit(new ReplayCommand(EarshotApplication.class, System.out, System.err).run(rest));
                break;
            case "classify":
                System.exit(new ClassifyCli(System.in, System.out, System.err).run(rest));
                break;
            case "detect-spikes":
                System.exit(new DetectSpikesCli(System.out, System.err).run(rest));
                break;
            case "nab-score":
                System.exit(new NabScoreCli(System.out, System.err).run(rest));
                break;
            case "help":
            case "--help":
            case "-h":
                System.out.println("usage: java -jar earshot.jar [replay FILE ... | classify | detect-spikes FILE.csv | nab-score DIR | --server.port=8080 ...]");
                System.out.println("  (no command)  start Earshot: the desk, the API under /api/v1, docs at /swagger-ui.html");
                System.out.println("  replay FILE   feed NDJSON or the Twitter customer-support CSV through the pipeline");
                System.out.println("  classify      read one text per line on stdin, print sentiment<TAB>intent<TAB>language");
                System.out.println("  detect-spikes FILE.csv  read a NAB-format series (timestamp,value), print timestamp,value,alert");
                System.out.println("  nab-score DIR           NAB scores of the spike detector on a NAB-like folder (data/, labels/, profiles.json)");
                break;
            default:
                SpringApplication.run(EarshotApplication.class, args);
        }
    }
}
