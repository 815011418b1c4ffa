/**
 * Carotene's API: what a game's loops, handlers, routes and tests touch. A {@code @Loop} gets a
 * {@link io.carotene.runtime.Tick}; a {@code @Socket} or {@code @Http} method may take the caller's
 * {@link io.carotene.runtime.Session} and refuses a call by throwing a {@link
 * io.carotene.runtime.Rejection}; a call's outcome is a {@link io.carotene.runtime.CallResult} with
 * an {@link io.carotene.runtime.ErrorCode}; a generated {@code <Domain>Application} is a {@link
 * io.carotene.runtime.CaroteneApplication} that creates a {@link io.carotene.runtime.World} on a
 * {@link io.carotene.runtime.Clock}. Every public type here is API, and none names a type of
 * {@code io.carotene.runtime.internal}. The runtime's README lists the API types of the other
 * packages, each with the reason it is public.
 */
package io.carotene.runtime;
