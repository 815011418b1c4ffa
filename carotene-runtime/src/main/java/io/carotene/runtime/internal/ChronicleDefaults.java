package io.carotene.runtime.internal;

/**
 * Settings that must be in place before the first Chronicle class loads: no usage analytics (the
 * artifact is excluded too, so nothing is ever sent or written to {@code ~/.chronicle.analytics.*})
 * and no banner. A user's explicit {@code -D} wins.
 */
public final class ChronicleDefaults {
  private ChronicleDefaults() {}

  public static void apply() {
    setIfAbsent("chronicle.analytics.disable", "true");
    setIfAbsent("chronicle.announcer.disable", "true");
    setIfAbsent("chronicle.disk.monitor.disable", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
