package io.mooring.resources;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request that reads the agent's history: it shows hook output and log tails, so it needs the agent's API
 * token ({@link ReadTokenFilter}) unless the agent allows anonymous reads.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadAccess {
}
