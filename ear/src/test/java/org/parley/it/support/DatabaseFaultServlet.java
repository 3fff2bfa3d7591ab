package org.parley.it.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * POST /it-support/db?fault=…: makes the (H2) database misbehave.
 * <ul>
 * <li>{@code exclusive}: one connection takes the database in exclusive mode, so every other connection stalls —
 * the database is there but does not answer; {@code release} ends it. With {@code for=ms} a thread of its own ends it
 * after that long, so the hold outlives the request (and the deployment, when a test undeploys during it).</li>
 * <li>{@code hide-audit}: renames the audit table away, so writing the audit trail fails; {@code restore-audit}
 * brings it back.</li>
 * </ul>
 */
@WebServlet("/db")
public class DatabaseFaultServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static Connection exclusive;

    @Resource(lookup = "java:jboss/datasources/ParleyDS")
    private DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fault = request.getParameter("fault");
        try {
            switch (fault == null ? "" : fault) {
                case "exclusive" -> {
                    takeExclusive();
                    String hold = request.getParameter("for");
                    if (hold != null) {
                        releaseAfter(Long.parseLong(hold));
                    }
                }
                case "release" -> release();
                case "hide-audit" -> execute("ALTER TABLE audit_log RENAME TO audit_log_hidden");
                case "restore-audit" -> execute("ALTER TABLE audit_log_hidden RENAME TO audit_log");
                default -> {
                    response.sendError(400, "fault must be exclusive, release, hide-audit or restore-audit");
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
        response.setStatus(204);
    }

    private void takeExclusive() throws SQLException {
        synchronized (DatabaseFaultServlet.class) {
            if (exclusive == null) {
                exclusive = dataSource.getConnection();
                try (Statement s = exclusive.createStatement()) {
                    s.execute("SET EXCLUSIVE 1");
                }
            }
        }
    }

    private static void releaseAfter(long millis) {
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(millis);
                release();
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException("could not end the exclusive hold", e);
            }
        }, "it-support exclusive hold");
        releaser.setDaemon(true);
        releaser.start();
    }

    private static synchronized void release() throws SQLException {
        if (exclusive != null) {
            try (Statement s = exclusive.createStatement()) {
                s.execute("SET EXCLUSIVE 0");
            } finally {
                exclusive.close();
                exclusive = null;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
