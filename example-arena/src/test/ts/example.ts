// The README's example, type-checked by TypeScriptExampleTest (tsc --noEmit) against the client
// the processor generated for the Arena.
import { ArenaApi, ArenaClient, CaroteneError, Interpolation, Prediction, type Player, type Vector3 } from '../../../target/classes/public/carotene/arena.js';

export async function play(url: string, name: string): Promise<void> {
  const { token, playerId } = await new ArenaApi(url).login(name);
  const seat = await new ArenaApi(url, { token }).joinOrCreate('arena'); // an arena with room
  const client = await new ArenaClient({ url, token, seat, reconnection: { graceMs: 20_000 } }).connect();
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
