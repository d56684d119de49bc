package io.earshot.platform.internal;

import io.earshot.platform.HttpErrors;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for what it refuses on its own (an undecodable path, {@code %00}, oversized headers), in
 * the API's error shape instead of Tomcat's HTML page with its version. Anything that reaches Spring is answered
 * by Spring; this only speaks when nothing else wrote a body.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getReporter();
            if (w != null) {
                w.write(HttpErrors.json(HttpErrors.codeOf(status), HttpErrors.messageOf(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is closed: nothing more to say
        }
    }
}
