package io.mooring.web;

import io.mooring.model.PassRecord;
import io.mooring.state.StateStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page on the application port: {@code /} (the cluster), {@code /tenants/{tenant}} (its passes, and its
 * retry), {@code /login} and {@code /logout}. HTML rendered here, no script; who may see and act is {@link PageAccess}'s.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class StatusPageResource {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPageResource.class);
    private static final int PASSES = 20;
    private static final String TENANT = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}";
    private final PageAccess access;
    private final ClusterView view;
    private final StateStore store;
    private final String node;
    private final Consumer<String> retry;
    private final Clock clock;

    /** {@code retry}: the API's own, a pass of the tenant that starts now and applies even a held revision. */
    public StatusPageResource(PageAccess access, ClusterView view, StateStore store, String node, Consumer<String> retry, Clock clock) {
        this.access = access;
        this.view = view;
        this.store = store;
        this.node = node;
        this.retry = retry;
        this.clock = clock;
    }

    @GET
    public Response cluster(@CookieParam(PageAccess.COOKIE) String session) {
        Optional<Response> refused = readRefused(session);
        if (refused.isPresent()) {
            return refused.get();
        }
        ClusterView.Shown shown = view.read();
        return page(ClusterPage.render(shown.status(), node, shown.ownView(), shown.now(), access.valid(session)));
    }

    @GET
    @Path("tenants/{tenant}")
    public Response tenant(@PathParam("tenant") String tenant, @CookieParam(PageAccess.COOKIE) String session,
                           @QueryParam("retried") String retried) {
        Optional<Response> refused = readRefused(session);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<PassRecord> passes = store.recent(tenant, PASSES);
        Optional<PassRecord> here = tenant.matches(TENANT) ? store.last(tenant, node) : Optional.empty();
        Optional<String> flash = retried == null ? Optional.empty()
                : Optional.of("Retry requested: a pass of this tenant on node " + node + " starts now; its outcome appears below.");
        TenantPage.View shown = new TenantPage.View(tenant, node, passes, here, access.formToken(session), flash, access.valid(session));
        return page(TenantPage.render(shown, clock.instant()));
    }

    /** The Retry button: a write, so a session, its form token and the page's own origin, whatever anonymous reads allow. */
    @POST
    @Path("tenants/{tenant}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("tenant") String tenant, @FormParam("csrf") String form, @CookieParam(PageAccess.COOKIE) String session,
                          @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer, @Context UriInfo uri) {
        if (!access.valid(session)) {
            return seeOther("/login");
        }
        if (!PageAccess.sameOrigin(uri.getBaseUri(), origin, referer) || !access.formTokenMatches(session, form)) {
            LOG.warn("refused a retry of {} from the status page: not sent by the page itself", tenant.matches(TENANT) ? tenant : "(a bad name)");
            return status(Response.Status.FORBIDDEN, LoginPage.refused("This retry was not sent from the status page itself: open the"
                    + " tenant's page and press Retry there."));
        }
        if (!tenant.matches(TENANT) || store.last(tenant, node).isEmpty()) {
            return status(Response.Status.NOT_FOUND, LoginPage.refused("No pass of tenant '" + tenant + "' on node " + node
                    + ": nothing to retry."));
        }
        retry.accept(tenant);
        return seeOther("/tenants/" + Html.segment(tenant) + "?retried=1");
    }

    @GET
    @Path("login")
    public Response loginForm() {
        return access.tokenConfigured() ? page(LoginPage.render(Optional.empty())) : status(Response.Status.FORBIDDEN, LoginPage.off());
    }

    /** The token in the form's body (never in the address), checked in constant time; a session cookie when it is right. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
                          @Context UriInfo uri) {
        if (!access.tokenConfigured()) {
            return status(Response.Status.FORBIDDEN, LoginPage.off());
        }
        if (!PageAccess.sameOrigin(uri.getBaseUri(), origin, referer)) {
            return status(Response.Status.FORBIDDEN, LoginPage.refused("This sign-in was not sent from the agent's own sign-in form."));
        }
        if (!access.accepts(token)) {
            LOG.warn("refused a sign-in to the status page: wrong token");
            return status(Response.Status.UNAUTHORIZED, LoginPage.render(Optional.of("That is not the agent's API token.")));
        }
        return Response.seeOther(URI.create("/")).cookie(PageAccess.cookie(access.newSession(), secure(uri))).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context UriInfo uri) {
        return Response.seeOther(URI.create(access.tokenConfigured() ? "/login" : "/")).cookie(PageAccess.cleared(secure(uri))).build();
    }

    /** Empty when the request may read; else where it goes: the sign-in form, or the page saying the agent has no token. */
    private Optional<Response> readRefused(String session) {
        if (access.valid(session) || access.anonymousRead()) {
            return Optional.empty();
        }
        return Optional.of(access.tokenConfigured() ? seeOther("/login") : status(Response.Status.FORBIDDEN, LoginPage.off()));
    }

    private static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
    }

    private static Response page(String html) {
        return status(Response.Status.OK, html);
    }

    /** Every page: not cached, not framed, no script, forms posted to this site only. */
    private static Response status(Response.Status status, String html) {
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML + ";charset=utf-8").header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'").build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).header("Cache-Control", "no-store").build();
    }
}
