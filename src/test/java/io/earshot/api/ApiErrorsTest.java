package io.earshot.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** The busy answer when the database goes away under a request, including a live stream's. */
class ApiErrorsTest {

    final ApiErrors errors = new ApiErrors();
    final DataAccessResourceFailureException gone = new DataAccessResourceFailureException("This connection has been closed.");

    @Test
    void aLiveStreamNotYetCommittedIsAnsweredInJsonNotInItsOwnType() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setContentType("text/event-stream");
        var answer = errors.busy(gone, response);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getContentType()).isNull(); // reset, so the JSON converter is not refused
        assertThat(answer.getBody().error().code()).isEqualTo("busy");
    }

    @Test
    void aStreamAlreadyUnderWayGetsNothingMore() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setContentType("text/event-stream");
        response.getWriter().write("data: hello\n\n");
        response.flushBuffer();
        assertThat(errors.busy(gone, response)).isNull();
        assertThat(errors.unexpected(gone, response)).isNull();
    }
}
