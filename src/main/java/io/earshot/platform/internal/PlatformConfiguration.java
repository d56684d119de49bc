package io.earshot.platform.internal;

import io.earshot.platform.EarshotClock;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    @Bean
    EarshotClock earshotClock(PlatformSettings settings) {
        return new EarshotClock(settings.clockMode(), Clock.systemUTC());
    }
}
