package io.carotene.runtime.snapshot;

import java.util.Map;

/**
 * Not API: what a generated {@code <Domain>Application} declares its clients see, from each
 * store's {@code @Visible} or {@code @VisibleIf}. A store absent from the map is private: the
 * runtime never sends its entries and the binary schema does not list it.
 */
public interface VisibleStores {
  /** Per visible store's name, its declared interest. */
  Map<String, Interest<?>> visibleStores();
}
