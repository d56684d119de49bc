package io.earshot.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean
    EarshotClock earshotClock(PlatformSettings settings) {
        return new EarshotClock(settings.clockMode(), Clock.systemUTC());
    }
}
