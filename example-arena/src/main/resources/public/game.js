// The Arena in 3D: the generated client (/carotene/arena.js) for the game, three.js for the picture.
import * as THREE from 'three';
import { ArenaClient, ArenaApi, Prediction, Interpolation } from '/carotene/arena.js';
import { createFigure, createWorld } from './scene.js';

const SPEED = 4; // units per second; the server refuses more than 5
const INPUT_STEP = 1 / 60; // one input per 60 Hz step, as the server ticks
const api = new ArenaApi(location.origin);
const $ = (id) => document.getElementById(id);

const renderer = new THREE.WebGLRenderer({ canvas: $('scene'), antialias: true });
renderer.setPixelRatio(Math.min(devicePixelRatio, 1.5));
renderer.shadowMap.enabled = true;
renderer.shadowMap.type = THREE.PCFSoftShadowMap;
const scene = new THREE.Scene();
const camera = new THREE.PerspectiveCamera(55, 1, 0.1, 600);
camera.position.set(0, 14, 22);
camera.lookAt(0, 0, 0);
const world = createWorld(scene);

/**
 * What the page shows, readable by a test: the player's id, the figures on screen, and how long
 * each key was last held (from sending its press to sending its release).
 */
const state = { playerId: null, client: null, figures: new Map(), names: new Map(), refusals: 0, heldMs: {} };
window.arena = state;

function resize() {
  renderer.setSize(innerWidth, innerHeight, false);
  camera.aspect = innerWidth / innerHeight;
  camera.updateProjectionMatrix();
}
addEventListener('resize', resize);
resize();

const keys = new Set();
let onKeys = () => {};
const pressedAt = new Map();
addEventListener('keydown', (event) => {
  if (event.target.matches('input') || event.repeat) return;
  keys.add(event.code);
  pressedAt.set(event.code, performance.now());
  onKeys();
});
addEventListener('keyup', (event) => {
  keys.delete(event.code);
  onKeys();
  if (pressedAt.has(event.code)) state.heldMs[event.code] = performance.now() - pressedAt.get(event.code);
});
addEventListener('blur', () => { keys.clear(); onKeys(); });

/**
 * Adaptive quality: a slow machine (software rendering) draws fewer pixels and no shadows
 * rather than delay everything else on the page.
 */
const quality = { frames: 0, since: performance.now(), fps: 60 };
function adaptQuality(time) {
  quality.frames++;
  if (time - quality.since < 1000) return;
  quality.fps = quality.frames * 1000 / (time - quality.since);
  quality.frames = 0;
  quality.since = time;
  const ratio = renderer.getPixelRatio();
  if (quality.fps < 30 && ratio > 0.5) {
    renderer.setPixelRatio(Math.max(0.5, ratio * 0.7));
    renderer.shadowMap.enabled = false;
    resize();
  }
}
state.quality = quality;

/** The Arena's rule for a player, as GameServer.step applies it: walk at the input's speed. */
function step(player, input, dt) {
  return { ...player, velocity: { ...input },
    position: { x: player.position.x + input.x * dt, y: player.position.y, z: player.position.z + input.z * dt } };
}

function wanted() {
  const x = (keys.has('KeyD') || keys.has('ArrowRight') ? 1 : 0) - (keys.has('KeyA') || keys.has('ArrowLeft') ? 1 : 0);
  const z = (keys.has('KeyS') || keys.has('ArrowDown') ? 1 : 0) - (keys.has('KeyW') || keys.has('ArrowUp') ? 1 : 0);
  const length = Math.hypot(x, z) || 1;
  return { x: (x / length) * SPEED, y: 0, z: (z / length) * SPEED };
}

async function nameOf(id) {
  if (!state.names.has(id)) {
    state.names.set(id, null);
    const { names } = await api.names();
    for (const entry of names) state.names.set(entry.id, entry.name);
  }
  return state.names.get(id);
}

function figureFor(id, own) {
  let figure = state.figures.get(id);
  if (!figure) {
    figure = createFigure(id, own);
    state.figures.set(id, figure);
    scene.add(figure.group);
    nameOf(id).then((name) => figure.setName(name || 'player'));
  }
  return figure;
}

function toast(text) {
  const element = $('toast');
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { element.hidden = true; }, 6000);
}

async function play(name) {
  const login = await api.login(name);
  state.playerId = login.playerId;
  state.names.set(login.playerId, name.trim());
  // The Arena hosts arenas as rooms (PROTOCOL.md, section 10): a seat in one that has room, then
  // the WebSocket that redeems it.
  const seat = await new ArenaApi(location.origin, { token: login.token }).joinOrCreate('arena');
  state.roomId = seat.roomId;
  // The seat: the client redeems its reservation, and resumes it by itself if the connection drops.
  const client = await new ArenaClient({ url: location.origin, token: login.token, seat }).connect();
  state.client = client;
  const me = new Prediction(client, { store: 'GameWorld', id: login.playerId, step });
  const others = new Interpolation(client, { store: 'GameWorld', delayMs: 100 });
  client.on('reconnecting', ({ attempt }) => toast(`Connection lost: reconnecting… (attempt ${attempt})`));
  client.on('reconnected', ({ offlineMs }) => toast(`Reconnected after ${(offlineMs / 1000).toFixed(1)} s: same arena, same player`));
  client.on('left', ({ reason, message }) => {
    if (reason !== 'CLOSED') toast(`Disconnected (${reason}: ${message}). Reload to play again.`);
  });
  $('login').hidden = true;
  $('hud').hidden = false;
  $('me-name').textContent = name.trim();
  $('cheat').addEventListener('click', () => {
    client.handleInput(login.playerId, { x: SPEED * 5, y: 0, z: 0 })
      .then(() => toast('The server let that through?!'))
      .catch((error) => { state.refusals++; toast(`Refused by the server: ${error.message} (${error.code})`); });
  });

  let sentStill = true;
  let idleSteps = 0;
  let accumulated = 0;
  let last = performance.now();
  const send = (input, dt) => me.input(input, dt, (value) => client.handleInput(login.playerId, value).catch(() => {}));
  // A key pressed or released is sent at once, not at the next frame: the server sees the
  // player start and stop when the person did, however slowly the page draws.
  let lastKeys = '';
  onKeys = () => {
    const input = wanted();
    const now = JSON.stringify(input);
    if (now === lastKeys) return;
    lastKeys = now;
    send(input, 0);
    sentStill = input.x === 0 && input.z === 0;
  };
  renderer.setAnimationLoop(() => {
    const time = performance.now();
    adaptQuality(time);
    accumulated = Math.min(accumulated + (time - last) / 1000, 4 * INPUT_STEP);
    last = time;
    while (accumulated >= INPUT_STEP) {
      accumulated -= INPUT_STEP;
      const input = wanted();
      const still = input.x === 0 && input.z === 0;
      idleSteps = still && sentStill ? idleSteps + 1 : 0;
      // Standing still sends nothing, but for one input a second: its ack measures the ping.
      if (!(still && sentStill) || idleSteps % 60 === 59) {
        send(input, INPUT_STEP);
      }
      sentStill = still;
    }
    const seen = new Set();
    const own = me.smoothed();
    if (own) {
      seen.add(login.playerId);
      figureFor(login.playerId, true).update(own, time);
      world.follow(camera, own.position);
    }
    for (const [id, player] of others.sample(time)) {
      if (id === login.playerId) continue;
      seen.add(id);
      figureFor(id, false).update(player, time);
    }
    for (const [id, figure] of state.figures) {
      if (!seen.has(id)) { scene.remove(figure.group); figure.dispose(); state.figures.delete(id); }
    }
    $('ping').textContent = client.rttMs === null ? '–' : Math.round(client.rttMs);
    $('in-view').textContent = client.store('GameWorld').size;
    $('tick-rate').textContent = client.snapshotsPerSecond;
    if (own) $('position').textContent = `x ${own.position.x.toFixed(1)} · z ${own.position.z.toFixed(1)}`;
    renderer.render(scene, camera);
  });
}

renderer.setAnimationLoop((time) => {
  adaptQuality(time);
  camera.position.set(Math.sin(time / 6000) * 26, 13, Math.cos(time / 6000) * 26);
  camera.lookAt(0, 1, 0);
  renderer.render(scene, camera);
});

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  $('play').disabled = true;
  play($('name').value).catch((error) => {
    $('play').disabled = false;
    $('login-error').hidden = false;
    $('login-error').textContent = error.message;
  });
});
