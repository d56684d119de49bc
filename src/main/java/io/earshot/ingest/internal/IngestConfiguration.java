package io.earshot.ingest.internal;

import io.earshot.ingest.IngestLimits;
import io.earshot.ingest.IngestSettings;
import io.earshot.ingest.MessageItemParser;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    MessageItemParser messageItemParser(IngestSettings settings, Clock clock) {
        return new MessageItemParser(new IngestLimits(settings.maxTextChars(), settings.maxClockSkew()), clock);
    }
}
