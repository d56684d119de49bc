package io.earshot.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of API v1, generated from the controllers; browsable at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI earshotOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Earshot API").version("v1")
                        .description("Hear every customer, answer the message that matters, follow through. "
                                + "JSON over HTTP; timestamps are ISO-8601 UTC; ids are strings. Errors are "
                                + "{\"error\": {\"code\", \"message\", \"field\"?}} with 400/401/403/404/409/413/415.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An agent's API token: the admin token printed on first start "
                                        + "(or EARSHOT_ADMIN_TOKEN), or one returned by POST /api/v1/agents")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
