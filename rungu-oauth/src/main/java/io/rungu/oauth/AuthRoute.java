package io.rungu.oauth;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One sign-in or token route for a host to register under its mount.
 *
 * @param method  the HTTP method
 * @param path    relative to the mount's base path, e.g. {@code /auth/{provider}/login} or {@code /api/tokens}
 * @param handler answers the request; it throws {@link io.rungu.model.RunguException} for the caller's mistakes,
 *                which the host maps to JSON (see {@link io.rungu.model.ErrorBody})
 */
public record AuthRoute(HandlerType method, String path, Handler handler) {}
