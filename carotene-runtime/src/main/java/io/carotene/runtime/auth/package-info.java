/**
 * Who a caller is: session tokens (signed JWTs, {@link io.carotene.runtime.auth.Tokens}, API: a
 * login route takes it to issue one) and where a request carries its token. The WebSocket
 * handshake and the HTTP routes both verify callers through here; nothing here knows either.
 */
package io.carotene.runtime.auth;
