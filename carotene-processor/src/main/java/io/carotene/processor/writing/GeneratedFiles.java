package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.StoreModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Everything the processor writes, through the filer: a domain's or backend's files as soon as it
 * is read (a record's once, however many stores and backends use it), and the applications, server
 * mains and service file once. A file the filer refuses is {@code [Carotene/WriteFailed]} on the
 * element it was written for.
 */
public final class GeneratedFiles {
  private final Filer filer;
  private final Diagnostics diagnostics;
  private final Set<String> writtenRecords = new HashSet<>();
  private final Set<String> writtenResultRecords = new HashSet<>();
  private boolean writtenThisRound;
  private boolean lastRound;

  public GeneratedFiles(Filer filer, Diagnostics diagnostics) {
    this.filer = filer;
    this.diagnostics = diagnostics;
  }

  /** A new round begins: nothing written in it yet. */
  public void startRound() {
    writtenThisRound = false;
  }

  /** Whether a file was written since {@link #startRound()}. */
  public boolean writtenThisRound() {
    return writtenThisRound;
  }

  /** From now on, nothing is written once an error was reported: javac compiles nothing anyway. */
  public void startLastRound() {
    lastRound = true;
  }

  /** Each store's records, store and view. */
  public void domain(DomainModel domain) {
    for (StoreModel store : domain.stores()) {
      writeRecord(store.model());
      StoreWriter.write(store).forEach(this::write);
    }
  }

  /** The records a backend takes and returns, its dispatcher, and its room hooks if it has any. */
  public void backend(BackendModel backend) {
    backend.argumentRecords().forEach(this::writeRecord);
    backend.resultRecords().forEach(this::writeResultRecord);
    write(DispatcherWriter.write(backend));
    RoomHooksWriter.write(backend).ifPresent(this::write);
  }

  /**
   * One application and server main per domain, then the service file that lists the applications.
   *
   * @param backendsByDomain each domain's backends, by the domain's qualified name; sorted here by
   *     name, the order their dispatchers are registered in
   */
  public void applications(
      Collection<DomainModel> domains, Map<String, List<BackendModel>> backendsByDomain) {
    List<ClassName> applications = new ArrayList<>();
    List<Element> originating = new ArrayList<>();
    for (DomainModel domain : domains) {
      List<BackendModel> own = backendsByDomain.get(domain.qualifiedName());
      own.sort(Comparator.comparing(backend -> backend.backendName().canonicalName()));
      write(ApplicationWriter.write(domain, own));
      write(ServerWriter.write(domain, own));
      diagnostics.note(
          domain.element(),
          "Carotene: generated server main "
              + GeneratedNames.server(domain.interfaceName(), domain.name()).canonicalName());
      applications.add(domain.applicationName());
      originating.add(domain.element());
      own.forEach(backend -> originating.add(backend.element()));
    }
    try {
      ServiceFileWriter.write(filer, applications, originating);
    } catch (IOException e) {
      diagnostics.error(
          Message.WRITE_FAILED, domains.iterator().next().element(), ServiceFileWriter.PATH, e);
    }
    typeScriptClients(domains, backendsByDomain, originating);
  }

  /** Each domain's TypeScript client, and the runtime they share, as static files of the jar. */
  private void typeScriptClients(
      Collection<DomainModel> domains,
      Map<String, List<BackendModel>> backendsByDomain,
      List<Element> originating) {
    if (lastRound && diagnostics.errorCount() > 0) {
      return;
    }
    Element first = domains.iterator().next().element();
    try {
      TypeScriptClientWriter.writeRuntime(filer, originating);
    } catch (IOException e) {
      diagnostics.error(Message.WRITE_FAILED, first, TypeScriptClientWriter.RUNTIME + ".js", e);
    }
    for (DomainModel domain : domains) {
      try {
        TypeScriptClientWriter.write(
            filer, domain, backendsByDomain.get(domain.qualifiedName()), originating);
      } catch (IOException e) {
        diagnostics.error(
            Message.WRITE_FAILED, domain.element(), TypeScriptClientWriter.fileName(domain) + ".js", e);
      }
    }
  }

  /**
   * Writes a record's flyweight and codec (and wire format, for a record with an {@code @Id}), and
   * those of the records it contains, once.
   */
  private void writeRecord(RecordModel record) {
    if (!writtenRecords.add(record.recordName().canonicalName())) {
      return;
    }
    for (ComponentModel component : record.components()) {
      if (component.type().record() != null) {
        writeRecord(component.type().record());
      }
    }
    write(FlyweightWriter.write(record));
    write(CodecWriter.write(record));
    if (CodecWriter.isMarshaller(record)) {
      write(WireWriter.write(record));
    }
  }

  /** Writes a returned record's {@code <Name>Json}, once. */
  private void writeResultRecord(ResultType.ResultRecord record) {
    if (writtenResultRecords.add(record.recordName().canonicalName())) {
      write(ResultWriter.write(record));
    }
  }

  /**
   * Writes one source file. A sound element's code is written even when another element has
   * errors, so that its users do not drown the real error in "cannot find symbol"; but not in the
   * last round after errors, when javac compiles nothing anyway.
   */
  private void write(JavaFile file) {
    if (lastRound && diagnostics.errorCount() > 0) {
      return;
    }
    try {
      file.writeTo(filer);
      writtenThisRound = true;
    } catch (IOException e) {
      Element origin = file.typeSpec().originatingElements().get(0);
      diagnostics.error(
          Message.WRITE_FAILED, origin, file.packageName() + "." + file.typeSpec().name(), e);
    }
  }
}
