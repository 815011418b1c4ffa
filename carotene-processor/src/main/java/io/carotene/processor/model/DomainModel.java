package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Domain} interface.
 *
 * @param element the interface
 * @param name the domain's name ({@code @Domain("Arena")}, else the interface's simple name)
 * @param interfaceName the interface
 * @param applicationName the generated {@code <Interface>Application}
 * @param stores its stores, in declaration order
 */
public record DomainModel(
    TypeElement element,
    String name,
    ClassName interfaceName,
    ClassName applicationName,
    List<StoreModel> stores) {

  public DomainModel {
    stores = List.copyOf(stores);
  }

  /** The interface's qualified name, the domain's key. */
  public String qualifiedName() {
    return interfaceName.canonicalName();
  }
}
