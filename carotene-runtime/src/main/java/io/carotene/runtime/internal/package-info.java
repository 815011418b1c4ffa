/**
 * Not API: the contract between the code the processor generates and the runtime, as {@code
 * dagger.internal} is Dagger's. The off-heap store engine ({@link
 * io.carotene.runtime.internal.ChronicleStore}) that generated stores hold, the codecs' and wire
 * formats' base types, the dispatchers' operations, loops and routes, and the argument readers
 * generated decoders call. Game code never names these types; they change with the processor, in
 * any release, without notice.
 */
package io.carotene.runtime.internal;
