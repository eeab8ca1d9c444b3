package io.mooring.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real Git smart-HTTP server on loopback for tests: Jetty with Basic authentication (each user's
 * password or token checked by Jetty's login service), serving one repository for fetching with JGit's
 * own UploadPack, as a Git host does. Its address is {@link #url()}.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;

    public GitHttpServer(Repository repository, Map<String, String> users) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        context.addServlet(new ServletHolder(new UploadServlet(repository)), "/config.git/*");
        UserStore store = new UserStore();
        users.forEach((user, password) -> store.addUser(user, new Password(password), new String[] {"git"}));
        HashLoginService login = new HashLoginService("git");
        login.setUserStore(store);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        ConstraintMapping everything = new ConstraintMapping();
        everything.setPathSpec("/*");
        everything.setConstraint(Constraint.from("git"));
        security.addConstraintMapping(everything);
        context.setSecurityHandler(security);
        server.setHandler(context);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/config.git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The smart-HTTP protocol's two requests for fetching: the ref advertisement and the pack. */
    private static final class UploadServlet extends HttpServlet {
        private final transient Repository repository;

        UploadServlet(Repository repository) {
            this.repository = repository;
        }

        private static List<String> protocol(HttpServletRequest request) {
            String header = request.getHeader("Git-Protocol");
            return header == null ? List.of() : Arrays.asList(header.split(":"));
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String service = request.getParameter("service");
            if (!request.getRequestURI().endsWith("/info/refs") || !"git-upload-pack".equals(service)) {
                response.sendError(404);
                return;
            }
            response.setHeader("Cache-Control", "no-cache");
            response.setContentType("application/x-git-upload-pack-advertisement");
            OutputStream out = response.getOutputStream();
            UploadPack upload = new UploadPack(repository);
            upload.setExtraParameters(protocol(request));
            upload.setBiDirectionalPipe(false);
            upload.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(new PacketLineOut(out)), service);
            out.flush();
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!request.getRequestURI().endsWith("/git-upload-pack")) {
                response.sendError(404);
                return;
            }
            InputStream in = request.getInputStream();
            if ("gzip".equals(request.getHeader("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            response.setContentType("application/x-git-upload-pack-result");
            UploadPack upload = new UploadPack(repository);
            upload.setExtraParameters(protocol(request));
            upload.setBiDirectionalPipe(false);
            upload.upload(in, response.getOutputStream(), null);
        }
    }
}
