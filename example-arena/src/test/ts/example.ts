// The README's example, type-checked by TypeScriptExampleTest (tsc --noEmit) against the client
// the processor generated for the Arena.
import { ArenaApi, ArenaClient, CaroteneError, Interpolation, Prediction, type Player, type RoomListing, type SeatReservation,
  type Vector3 } from '../../../target/classes/public/carotene/arena.js';

export async function play(url: string, name: string): Promise<void> {
  const { token, playerId } = await new ArenaApi(url).login(name);
  const api = new ArenaApi(url, { token });
  const seat = await api.joinOrCreate('arena'); // an arena with room
  // A dropped seat is resumed for seat.reconnectGraceMillis (the room type's grace); 8 calls may wait meanwhile.
  const client = await new ArenaClient({ url, token, seat, reconnection: { maxQueuedCalls: 8 } }).connect();
  const grace: number = client.reconnection?.graceMs ?? seat.reconnectGraceMillis;
  const own: SeatReservation = await api.create('arena'); // a new arena; a friend's api.joinById(own.roomId) joins it
  const named = await api.joinOrCreate('hall', {}, undefined, 'guild-42'); // a persistent type's room, by name
  const listing: RoomListing = await api.rooms('arena');
  console.log(grace, own.roomId, named.roomId, listing.rooms.map((room) => `${room.id} ${room.clients}/${room.maxClients}`));
  client.on('enter', (store, player) => console.log(`${player.id} entered ${store}`));
  client.on('leave', (store, player) => console.log(`${player.id} left ${store}`));
  // A dropped connection is resumed by itself within the grace: same player, snapshots and seq go on.
  client.on('reconnecting', ({ attempt, delayMs }) => console.log(`reconnecting (${attempt}, in ${delayMs} ms)`));
  client.on('reconnected', ({ offlineMs, ack }) => console.log(`back after ${offlineMs} ms, ack ${ack}`));
  client.on('left', ({ reason, message }) => console.log(`left: ${reason} ${message}`)); // e.g. RESERVATION_EXPIRED
  const state: 'new' | 'connecting' | 'connected' | 'reconnecting' | 'left' = client.state;
  console.log(state, client.roomId, client.reconnectionToken);

  const step = (me: Player, input: Vector3, dt: number): Player => ({
    ...me, velocity: input,
    position: { x: me.position.x + input.x * dt, y: me.position.y, z: me.position.z + input.z * dt },
  });
  const me = new Prediction<Player, Vector3>(client, { store: 'GameWorld', id: playerId, step });
  const others = new Interpolation<Player>(client, { store: 'GameWorld' }); // 100 ms behind

  setInterval(() => me.input({ x: 0, y: 0, z: -4 }, 1 / 60, (input) => client.handleInput(playerId, input))
    .catch((error: CaroteneError) => error.code === 'DISCONNECTED' || console.log(error.code)), 1000 / 60);
  setInterval(() => console.log(me.smoothed()?.position, others.sample().size, client.rttMs), 1000);

  try {
    await client.handleInput(playerId, { x: 30, y: 0, z: 0 });
  } catch (error) {
    if (error instanceof CaroteneError) console.log(error.code, error.message); // REJECTED Speed hack detected
  }
  await client.reconnect(); // resume the seat on a new connection now (e.g. the network changed)
  await client.leave(); // a close frame: the seat is freed at once

}
