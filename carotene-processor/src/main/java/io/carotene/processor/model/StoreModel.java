package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Store} of a domain.
 *
 * @param element the {@code @Store} interface
 * @param name the store's name at run time, the interface's simple name ({@code GameWorld})
 * @param storeName the generated writable store, {@code <Name>Store} in the domain's package
 * @param viewName the generated read-only view, {@code <Name>View} in the domain's package
 * @param model the model it holds
 * @param id the model's {@code @Id} component, the key
 * @param capacity the declared capacity
 * @param engine the engine's name ({@code EPHEMERAL})
 * @param visibility what clients receive of it
 * @param serverScoped whether it is {@code scope = Scope.SERVER}: one per process, outside every
 *     room
 */
public record StoreModel(
    TypeElement element,
    String name,
    ClassName storeName,
    ClassName viewName,
    RecordModel model,
    ComponentModel id,
    long capacity,
    String engine,
    Visibility visibility,
    boolean serverScoped) {}
