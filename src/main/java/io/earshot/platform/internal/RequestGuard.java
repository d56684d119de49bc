package io.earshot.platform.internal;

import io.earshot.platform.BodyTooLargeException;
import io.earshot.platform.HttpErrors;
import io.earshot.platform.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One body-size limit for every endpoint, before anything reads a byte: {@code earshot.http.max-body-size} (1 MB),
 * or {@code earshot.ingest.max-body-size} for {@code POST /api/v1/messages}. A declared length over the limit is
 * refused at once; a chunked body is counted as it is read and refused when it passes the limit, so nothing ever
 * holds more than the limit in memory. Answered 413 in the API's error shape.
 */
public final class RequestGuard extends OncePerRequestFilter {

    private final long maxBody;
    private final long maxMessagesBody;

    public RequestGuard(long maxBody, long maxMessagesBody) {
        this.maxBody = maxBody;
        this.maxMessagesBody = maxMessagesBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = "/api/v1/messages".equals(request.getRequestURI()) ? maxMessagesBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        String type = request.getContentType();
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (body && type != null && !type.isBlank() && !readable(type)) {
            HttpErrors.write(response, 415, "unsupported_media_type", "the Content-Type header is not a media type Earshot reads "
                    + "(send application/json; the messages endpoint also takes application/x-ndjson)");
            return;
        }
        // no body: a Content-Type Spring could not parse is dropped rather than refused (a GET with "*/*" is served)
        Limited limited = new Limited(request, limit, !body && type != null && !type.isBlank() && !readable(type));
        String nul = parameterWithNul(limited);
        if (nul != null) {
            HttpErrors.write(response, 400, "invalid", "the parameter " + Ids.shown(nul) + " holds the NUL character, which Earshot cannot store");
            return;
        }
        try {
            chain.doFilter(limited, response);
        } catch (BodyTooLargeException e) {
            tooLarge(response, limit);
        } catch (ServletException | IOException | RuntimeException e) {
            if (BodyTooLargeException.in(e).isPresent()) {
                tooLarge(response, limit);
            } else {
                throw e;
            }
        }
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        HttpErrors.write(response, 413, "too_large", "the body is larger than " + limit + " bytes"
                + (limit == maxMessagesBody ? " (earshot.ingest.max-body-size); send fewer messages per request"
                : " (earshot.http.max-body-size)"));
    }

    /** The name of a query or form parameter whose name or value holds U+0000 (PostgreSQL text cannot), or null. */
    private static String parameterWithNul(HttpServletRequest request) {
        String query = request.getQueryString();
        String type = request.getContentType();
        boolean form = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if ((query == null || !query.contains("%00")) && !form) {
            return null; // nothing to look at: JSON bodies are checked field by field
        }
        for (java.util.Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getKey().indexOf('\u0000') >= 0) {
                return p.getKey();
            }
            for (String v : p.getValue()) {
                if (v != null && v.indexOf('\u0000') >= 0) {
                    return p.getKey();
                }
            }
        }
        return null;
    }

    /** A Content-Type that names one concrete media type (no wildcards, parseable). */
    private static boolean readable(String type) {
        try {
            org.springframework.http.MediaType media = org.springframework.http.MediaType.parseMediaType(type);
            return !media.isWildcardType() && !media.isWildcardSubtype();
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private final boolean dropContentType;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit, boolean dropContentType) {
            super(request);
            this.limit = limit;
            this.dropContentType = dropContentType;
        }

        @Override
        public String getContentType() {
            return dropContentType ? null : super.getContentType();
        }

        @Override
        public String getHeader(String name) {
            return dropContentType && "content-type".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return dropContentType && "content-type".equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            if (!dropContentType) {
                return super.getHeaderNames();
            }
            java.util.List<String> names = java.util.Collections.list(super.getHeaderNames());
            names.removeIf(n -> n.equalsIgnoreCase("content-type"));
            return java.util.Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int count(int n) throws BodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
