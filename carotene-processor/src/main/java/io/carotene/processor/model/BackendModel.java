package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Backend} class.
 *
 * @param element the class
 * @param backendName the class
 * @param dispatcherName the generated {@code <Backend>Dispatcher}, in the backend's package
 * @param stores the stores its loops and handlers take, in the order of the dispatcher's
 *     constructor: by domain, then by declaration in the domain
 * @param domains the qualified names of the domains whose stores it takes
 * @param loops its loops, in declaration order
 * @param handlers its handlers, in declaration order
 * @param routes its {@code @Http} routes, in declaration order
 * @param hooks its room lifecycle methods, at most one of each kind, in declaration order
 * @param argumentRecords records its handlers and routes take as arguments (their codecs decode
 *     them)
 * @param resultRecords records its handlers and routes return, directly or nested (their {@code
 *     <Name>Json} writers write them)
 */
public record BackendModel(
    TypeElement element,
    ClassName backendName,
    ClassName dispatcherName,
    List<StoreModel> stores,
    Set<String> domains,
    List<LoopModel> loops,
    List<HandlerModel> handlers,
    List<RouteModel> routes,
    List<HookModel> hooks,
    List<RecordModel> argumentRecords,
    List<ResultType.ResultRecord> resultRecords) {

  public BackendModel {
    stores = List.copyOf(stores);
    domains = Set.copyOf(domains);
    loops = List.copyOf(loops);
    handlers = List.copyOf(handlers);
    routes = List.copyOf(routes);
    hooks = List.copyOf(hooks);
    argumentRecords = List.copyOf(argumentRecords);
    resultRecords = List.copyOf(resultRecords);
  }
}
