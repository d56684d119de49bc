package io.earshot.web;

import io.earshot.incidents.CrisisMode;
import java.security.Principal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The crisis banner on every desk page (the layout's bar shows it): model attribute {@code crisis}, the crisis that is
 * on, for signed-in agents only (not the customers' survey page, not the sign-in page). One look-up of a tiny table
 * a page when no crisis is on.
 */
@ControllerAdvice(basePackageClasses = CrisisBanner.class)
class CrisisBanner {

    private final CrisisMode crisis;

    CrisisBanner(CrisisMode crisis) {
        this.crisis = crisis;
    }

    @ModelAttribute
    void crisis(Principal principal, Model model) {
        if (principal != null) {
            crisis.current().ifPresent(c -> model.addAttribute("crisis", c));
        }
    }
}
