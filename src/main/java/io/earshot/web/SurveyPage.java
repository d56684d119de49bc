package io.earshot.web;

import io.earshot.followup.Surveys;
import io.earshot.platform.EarshotException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/** The small page a customer reaches from a satisfaction survey link: a score from 1 to 5 and a comment. */
@Controller
class SurveyPage {

    private final Surveys surveys;

    SurveyPage(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/csat/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        Surveys.Survey survey = surveys.find(token).orElse(null);
        if (survey == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "csat-missing";
        }
        model.addAttribute("survey", survey);
        model.addAttribute("thanks", survey.answeredAt() != null);
        return "csat";
    }

    @PostMapping("/csat/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) String rating,
                  @RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
        Surveys.Survey survey = surveys.find(token).orElse(null);
        if (survey == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "csat-missing";
        }
        int score;
        try {
            score = Integer.parseInt(rating == null ? "" : rating.trim());
        } catch (NumberFormatException e) {
            score = 0;
        }
        try {
            model.addAttribute("survey", surveys.answer(token, score, comment));
            model.addAttribute("thanks", true);
        } catch (EarshotException e) {
            model.addAttribute("survey", survey);
            model.addAttribute("thanks", false);
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "csat";
    }
}
