// The Arena's look: sky, floor, scenery and the player figures. Nothing here knows the network.
import * as THREE from 'three';

const PALETTE = [0xff6b6b, 0x4ecdc4, 0xffd166, 0x6a8dff, 0xc77dff, 0x06d6a0, 0xff9f1c, 0xf15bb5];

/** Sky, light, a tiled floor and deterministic scenery around the spawn area. */
export function createWorld(scene) {
  scene.background = new THREE.Color(0x9fd3ff);
  scene.fog = new THREE.Fog(0x9fd3ff, 45, 140);
  scene.add(new THREE.HemisphereLight(0xdff1ff, 0x3d5a3a, 1.4));
  const sun = new THREE.DirectionalLight(0xfff1d6, 2.2);
  sun.position.set(18, 30, 12);
  sun.castShadow = true;
  sun.shadow.mapSize.set(1024, 1024);
  Object.assign(sun.shadow.camera, { left: -30, right: 30, top: 30, bottom: -30, near: 1, far: 90 });
  scene.add(sun, sun.target);

  const floor = new THREE.Mesh(new THREE.PlaneGeometry(2000, 2000), new THREE.MeshStandardMaterial({ map: floorTexture(), roughness: .95 }));
  floor.rotation.x = -Math.PI / 2;
  floor.receiveShadow = true;
  scene.add(floor);

  const centre = new THREE.Mesh(new THREE.CylinderGeometry(2.2, 2.5, 0.16, 48), new THREE.MeshStandardMaterial({ color: 0xd9c7a3, roughness: .8 }));
  centre.position.y = 0.08;
  centre.receiveShadow = true;
  scene.add(centre);
  scene.add(scenery());

  const target = new THREE.Vector3();
  let following = false;
  return {
    /**
     * Puts the camera behind and above `position` (at once the first time, then easing towards
     * it) and the sun's shadows around it.
     */
    follow(camera, position) {
      target.set(position.x, position.y, position.z);
      const wanted = new THREE.Vector3(position.x, position.y + 7.5, position.z + 11);
      camera.position.lerp(wanted, following ? 0.12 : 1);
      following = true;
      camera.lookAt(target.x, target.y + 1.2, target.z);
      sun.position.set(target.x + 18, 30, target.z + 12);
      sun.target.position.copy(target);
    },
  };
}

/**
 * Trees and rocks scattered around the spawn area, the same for every visitor: instanced, four
 * draw calls for all of them.
 */
function scenery() {
  const random = seeded(7);
  const trees = [];
  const rocks = [];
  for (let i = 0; i < 320; i++) {
    const angle = random() * Math.PI * 2;
    const distance = 9 + Math.sqrt(random()) * 170;
    const spot = { x: Math.cos(angle) * distance, z: Math.sin(angle) * distance, size: random(), turn: random() * 6 };
    (random() < 0.7 ? trees : rocks).push(spot);
  }
  const group = new THREE.Group();
  const place = (geometry, material, spots, transform) => {
    const mesh = new THREE.InstancedMesh(geometry, material, spots.length);
    const matrix = new THREE.Matrix4();
    spots.forEach((spot, i) => mesh.setMatrixAt(i, transform(spot, matrix)));
    mesh.castShadow = true;
    group.add(mesh);
    return mesh;
  };
  const scaled = (spot, y, scale) => new THREE.Matrix4().compose(new THREE.Vector3(spot.x, y * scale, spot.z),
    new THREE.Quaternion().setFromEuler(new THREE.Euler(0, spot.turn, 0)), new THREE.Vector3(scale, scale, scale));
  place(new THREE.CylinderGeometry(0.15, 0.22, 1, 6), new THREE.MeshStandardMaterial({ color: 0x7a5230 }), trees,
    (spot) => scaled(spot, 0.5, 1 + spot.size * 1.2));
  const crowns = place(new THREE.ConeGeometry(0.9, 2, 7), new THREE.MeshStandardMaterial({ color: 0xffffff, flatShading: true }), trees,
    (spot) => scaled(spot, 1.9, 1 + spot.size * 1.2));
  const greens = [0x2d9f59, 0x3fb96b, 0x23824a].map((colour) => new THREE.Color(colour));
  trees.forEach((spot, i) => crowns.setColorAt(i, greens[i % 3]));
  place(new THREE.DodecahedronGeometry(0.7), new THREE.MeshStandardMaterial({ color: 0x8d99ae, flatShading: true }), rocks,
    (spot) => scaled(spot, 0.25, 0.6 + spot.size * 1.1));
  return group;
}

/** A player: body, head, eyes and a name tag; the own player stands on a glowing ring. */
export function createFigure(id, own) {
  const color = PALETTE[parseInt(id.replace(/-/g, '').slice(-6), 16) % PALETTE.length];
  const group = new THREE.Group();
  const body = new THREE.Mesh(new THREE.CapsuleGeometry(0.38, 0.7, 6, 16), new THREE.MeshStandardMaterial({ color, roughness: .45 }));
  body.position.y = 0.75;
  const head = new THREE.Mesh(new THREE.SphereGeometry(0.3, 24, 16), new THREE.MeshStandardMaterial({ color: 0xffe0bd, roughness: .6 }));
  head.position.y = 1.55;
  const eyeMaterial = new THREE.MeshBasicMaterial({ color: 0x1b1b1b });
  for (const side of [-1, 1]) {
    const eye = new THREE.Mesh(new THREE.SphereGeometry(0.05, 8, 8), eyeMaterial);
    eye.position.set(side * 0.11, 1.6, -0.26);
    group.add(eye);
  }
  body.castShadow = head.castShadow = true;
  group.add(body, head);
  if (own) {
    const ring = new THREE.Mesh(new THREE.RingGeometry(0.55, 0.75, 40), new THREE.MeshBasicMaterial({ color: 0xffd166, transparent: true, opacity: .85 }));
    ring.rotation.x = -Math.PI / 2;
    ring.position.y = 0.02;
    group.add(ring);
  }
  const tag = new THREE.Sprite(new THREE.SpriteMaterial({ depthTest: false, transparent: true }));
  tag.position.y = 2.25;
  tag.renderOrder = 10;
  group.add(tag);

  let heading = 0;
  const figure = {
    group,
    name: null,
    setName(name) {
      figure.name = name;
      tag.material.map?.dispose();
      tag.material.map = nameTexture(name, own);
      tag.material.needsUpdate = true;
      tag.scale.set(tag.material.map.image.width / 110, tag.material.map.image.height / 110, 1);
    },
    update(player, time) {
      group.position.set(player.position.x, player.position.y, player.position.z);
      const speed = Math.hypot(player.velocity.x, player.velocity.z);
      if (speed > 0.1) heading = Math.atan2(-player.velocity.x, -player.velocity.z);
      group.rotation.y += (((heading - group.rotation.y + Math.PI * 3) % (Math.PI * 2)) - Math.PI) * 0.2;
      const bob = speed > 0.1 ? Math.abs(Math.sin(time / 110)) * 0.12 : 0;
      body.position.y = 0.75 + bob;
      head.position.y = 1.55 + bob;
    },
    dispose() {
      group.traverse((object) => { object.geometry?.dispose(); });
      tag.material.map?.dispose();
    },
  };
  return figure;
}

function nameTexture(name, own) {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  const font = '600 44px "Segoe UI", system-ui, sans-serif';
  context.font = font;
  canvas.width = Math.ceil(context.measureText(name).width) + 48;
  canvas.height = 68;
  context.font = font;
  context.fillStyle = own ? 'rgba(255, 159, 28, .9)' : 'rgba(13, 27, 42, .72)';
  context.beginPath();
  context.roundRect(0, 0, canvas.width, canvas.height, 30);
  context.fill();
  context.fillStyle = own ? '#1b1b1b' : '#ffffff';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(name, canvas.width / 2, canvas.height / 2 + 2);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

function floorTexture() {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 256;
  const context = canvas.getContext('2d');
  context.fillStyle = '#6fbf73';
  context.fillRect(0, 0, 256, 256);
  context.fillStyle = '#66b56a';
  context.fillRect(0, 0, 128, 128);
  context.fillRect(128, 128, 128, 128);
  context.strokeStyle = 'rgba(255, 255, 255, .18)';
  context.lineWidth = 3;
  context.strokeRect(0, 0, 256, 256);
  const texture = new THREE.CanvasTexture(canvas);
  texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
  texture.repeat.set(500, 500);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 8;
  return texture;
}

/** A small deterministic random generator, so every visitor sees the same scenery. */
function seeded(seed) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
}
