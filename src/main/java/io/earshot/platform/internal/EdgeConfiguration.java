package io.earshot.platform.internal;

import io.earshot.platform.AuditTrail;
import io.earshot.platform.HttpErrors;
import org.apache.catalina.Host;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;

/**
 * The edge of the web server: one body limit for every endpoint ({@link RequestGuard}), and the API's error shape
 * for what is refused before any controller sees it (Spring Security's firewall: {@code ;}, {@code //}, {@code ..},
 * encoded slashes; Tomcat itself: {@code %00}, a request line or headers past their size).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class EdgeConfiguration {

    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(HttpSettings settings, Environment env) {
        long messages = env.getProperty("earshot.ingest.max-body-size", DataSize.class, DataSize.ofMegabytes(16)).toBytes();
        FilterRegistrationBean<RequestGuard> bean = new FilterRegistrationBean<>(
                new RequestGuard(settings.maxBodySize().toBytes(), messages));
        // after Boot's character encoding filter (HIGHEST_PRECEDENCE): the guard may parse a form, and Tomcat keeps the
        // charset of the first parse, so a form without a charset must already be read as UTF-8
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        bean.addUrlPatterns("/*");
        return bean;
    }

    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer expensiveReadLimit(HttpSettings settings, AuditTrail audit) {
        ExpensiveReadLimit limit = new ExpensiveReadLimit(settings);
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(limit);
                registry.addInterceptor(audit);
            }
        };
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> HttpErrors.write(response, 400, "bad_request",
                "the address is not allowed (it holds '..', '//', ';', an encoded slash or another character Earshot refuses)");
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            } else if (context.getParent() instanceof Host) {
                throw new IllegalStateException("unexpected Tomcat host " + context.getParent().getClass());
            }
        });
    }
}
