package io.earshot.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form (Spring Security handles the POST). */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login(@org.springframework.web.bind.annotation.RequestParam(name = "throttled", required = false) String throttled,
                 org.springframework.ui.Model model) {
        if (throttled != null) {
            // only a number from the address bar is shown, so a crafted link cannot put words on the page
            model.addAttribute("throttledMinutes", throttled.matches("\\d{1,4}") ? throttled : "a few");
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }
}
