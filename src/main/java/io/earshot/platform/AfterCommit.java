package io.earshot.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A feature's durable reaction to another feature's event: it runs once the publishing transaction has committed,
 * in a transaction of its own, on the publisher's thread (so a request's effects are all there when it answers).
 * Spring Modulith's event publication registry records it in {@code event_publication} inside the publishing
 * transaction and marks it done when it succeeds; one that failed or was cut short by a crash is run again when
 * Earshot next starts (ADR 0014). Only listeners with this annotation are recorded: live views' pushes are not.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener(fallbackExecution = true)
public @interface AfterCommit {
}
