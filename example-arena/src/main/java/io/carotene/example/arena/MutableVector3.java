package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Flyweight;
import javax.annotation.processing.Generated;

/**
 * A mutable, reusable {@link Vector3}: what a store's in-place passes hand to game code. Generated
 * from {@link Vector3}; do not keep it past the call that handed it to you.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class MutableVector3 implements Flyweight<Vector3> {
  float x;

  float y;

  float z;

  public float x() {
    return x;
  }

  public MutableVector3 x(float x) {
    this.x = x;
    return this;
  }

  public float y() {
    return y;
  }

  public MutableVector3 y(float y) {
    this.y = y;
    return this;
  }

  public float z() {
    return z;
  }

  public MutableVector3 z(float z) {
    this.z = z;
    return this;
  }

  @Override
  public void set(Vector3 model) {
    this.x = model.x();
    this.y = model.y();
    this.z = model.z();
  }

  @Override
  public Vector3 toRecord() {
    return new Vector3(x, y, z);
  }

  @Override
  public String toString() {
    return "MutableVector3[x=" + x + ", y=" + y + ", z=" + z + "]";
  }
}
