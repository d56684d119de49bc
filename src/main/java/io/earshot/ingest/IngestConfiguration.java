package io.earshot.ingest;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    MessageItemParser messageItemParser(IngestSettings settings, Clock clock) {
        return new MessageItemParser(new IngestLimits(settings.maxTextChars(), settings.maxClockSkew()), clock);
    }
}
