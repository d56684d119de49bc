package io.earshot.web;

import io.earshot.platform.ErrorBody;
import io.earshot.platform.HttpErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Where the servlet container sends an error nobody answered (a mistyped address, a status sent without a body):
 * a page in the desk's style for a browser, the API's error shape for everything else. {@code /error} asked for
 * directly is just a page that does not exist.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        int status = status(request);
        String accept = request.getHeader("Accept");
        if (isApi(request) || accept == null || !accept.contains("text/html")) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBody.of(HttpErrors.codeOf(status), HttpErrors.messageOf(status), null));
        }
        response.setStatus(status);
        ModelAndView page = new ModelAndView("error-page");
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
        page.addObject("heading", switch (status) {
            case 404 -> "Page not found";
            case 403 -> "Not allowed";
            case 413 -> "Too large";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Something went wrong" : "That did not work";
        });
        String sentence = HttpErrors.messageOf(status);
        page.addObject("explanation", switch (status) {
            case 404 -> "There is no page at this address. It may have been mistyped, or what it showed was removed.";
            case 403 -> "Your role may not open this page.";
            default -> Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
        });
        return page;
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer i && i >= 400 && i <= 599) {
            return i;
        }
        return 404;
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String s && s.startsWith("/api/");
    }
}
