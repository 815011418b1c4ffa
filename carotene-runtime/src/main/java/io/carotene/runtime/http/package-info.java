/**
 * The domain's {@code @Http} routes served over Undertow (not API): request bodies read without
 * blocking, arguments handed to the generated route, the world thread for routes that touch a
 * store, results and errors as JSON, and the per-address rate limit.
 */
package io.carotene.runtime.http;
