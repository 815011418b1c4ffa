package io.carotene.processor.validation;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Warns where a loop or socket handler's own body does something a replay cannot repeat: reads the
 * time, draws random numbers or ids, calls a {@code Math} function whose result may differ between
 * JVMs, runs a parallel stream, or walks a {@code HashMap} or {@code HashSet} (whose order depends
 * on hash codes, identity hashes included). Reads the method's source through javac's tree API, so
 * it sees only what is written in the method itself (lambdas included, not the methods it calls);
 * with a compiler other than javac it does nothing. Each warning says what to use instead.
 */
public final class DeterminismScanner {
  private static final Set<String> PLATFORM_MATH = Set.of(
      "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp", "expm1",
      "log", "log10", "log1p", "pow", "cbrt", "hypot");
  private static final Set<String> HASH_VIEWS = Set.of("keySet", "values", "entrySet");
  private static final Set<String> ITERATING = Set.of("forEach", "stream", "iterator", "spliterator");

  private final Trees trees;
  private final Types types;
  private final Diagnostics diagnostics;
  private final TypeMirror hashMap;
  private final TypeMirror hashSet;
  private final TypeMirror linkedHashMap;
  private final TypeMirror linkedHashSet;

  private DeterminismScanner(Trees trees, Types types, Elements elements, Diagnostics diagnostics) {
    this.trees = trees;
    this.types = types;
    this.diagnostics = diagnostics;
    this.hashMap = erased(elements, "java.util.HashMap");
    this.hashSet = erased(elements, "java.util.HashSet");
    this.linkedHashMap = erased(elements, "java.util.LinkedHashMap");
    this.linkedHashSet = erased(elements, "java.util.LinkedHashSet");
  }

  /** A scanner for this compilation; one that does nothing when the compiler is not javac. */
  public static DeterminismScanner create(ProcessingEnvironment environment, Diagnostics diagnostics) {
    Trees trees;
    try {
      trees = Trees.instance(environment);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      trees = null;
    }
    return new DeterminismScanner(
        trees, environment.getTypeUtils(), environment.getElementUtils(), diagnostics);
  }

  private TypeMirror erased(Elements elements, String name) {
    TypeElement type = elements.getTypeElement(name);
    return type == null ? null : types.erasure(type.asType());
  }

  /** Warns about each thing in {@code method}'s body that a replay cannot repeat. */
  public void scan(ExecutableElement method, String subject) {
    if (trees == null) {
      return;
    }
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return;
    }
    // Processing runs before javac attributes the bodies; asking for the element of a tree with
    // no symbol (the body) makes javac attribute the class, so every expression has its type.
    trees.getElement(new TreePath(path, tree.getBody()));
    new Finder(path.getCompilationUnit(), subject).scan(path, null);
  }

  private final class Finder extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final String subject;

    Finder(CompilationUnitTree unit, String subject) {
      this.unit = unit;
      this.subject = subject;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      Element called = trees.getElement(getCurrentPath());
      if (called instanceof ExecutableElement method
          && method.getEnclosingElement() instanceof TypeElement owner) {
        checkCall(call, owner.getQualifiedName().toString(), method.getSimpleName().toString());
      }
      return super.visitMethodInvocation(call, unused);
    }

    private void checkCall(MethodInvocationTree call, String owner, String name) {
      String shown = simpleName(owner) + "." + name + "()";
      if (owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
          || owner.equals("java.time.Instant") && name.equals("now")) {
        warn(Message.NONDETERMINISTIC_TIME, call, shown);
      } else if (owner.equals("java.lang.Math") && name.equals("random")
          || owner.equals("java.util.concurrent.ThreadLocalRandom") && name.equals("current")) {
        warn(Message.NONDETERMINISTIC_RANDOM, call, shown);
      } else if (owner.equals("java.util.UUID") && name.equals("randomUUID")) {
        warn(Message.NONDETERMINISTIC_ID, call, shown);
      } else if (owner.equals("java.lang.Math") && PLATFORM_MATH.contains(name)) {
        warn(Message.PLATFORM_MATH, call, shown, name);
      } else if (name.equals("parallelStream") && owner.equals("java.util.Collection")
          || name.equals("parallel") && owner.equals("java.util.stream.BaseStream")) {
        warn(Message.PARALLEL_STREAM, call, shown);
      } else if (ITERATING.contains(name) && call.getMethodSelect() instanceof MemberSelectTree select
          && hashOrdered(select.getExpression())) {
        warn(Message.HASH_ITERATION_ORDER, call, describe(select.getExpression()));
      }
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      TypeMirror type = trees.getTypeMirror(getCurrentPath());
      if (type != null && type.getKind() == TypeKind.DECLARED) {
        String name = types.erasure(type).toString();
        if (name.equals("java.util.Random") && creation.getArguments().isEmpty()
            || name.equals("java.security.SecureRandom")) {
          warn(Message.NONDETERMINISTIC_RANDOM, creation, "new " + simpleName(name) + "()");
        }
      }
      return super.visitNewClass(creation, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      if (hashOrdered(loop.getExpression())) {
        warn(Message.HASH_ITERATION_ORDER, loop.getExpression(), describe(loop.getExpression()));
      }
      return super.visitEnhancedForLoop(loop, unused);
    }

    /** A HashMap or HashSet (not linked), or a key, value or entry view of such a map. */
    private boolean hashOrdered(ExpressionTree expression) {
      if (isHashOrdered(typeOf(expression))) {
        return true;
      }
      return expression instanceof MethodInvocationTree view
          && view.getMethodSelect() instanceof MemberSelectTree select
          && HASH_VIEWS.contains(select.getIdentifier().toString())
          && isHashOrdered(typeOf(select.getExpression()));
    }

    private boolean isHashOrdered(TypeMirror type) {
      if (type == null || type.getKind() != TypeKind.DECLARED) {
        return false;
      }
      TypeMirror erased = types.erasure(type);
      return hashMap != null && types.isSubtype(erased, hashMap) && !types.isSubtype(erased, linkedHashMap)
          || hashSet != null && types.isSubtype(erased, hashSet) && !types.isSubtype(erased, linkedHashSet);
    }

    private TypeMirror typeOf(ExpressionTree expression) {
      return trees.getTypeMirror(new TreePath(getCurrentPath(), expression));
    }

    private String describe(ExpressionTree expression) {
      String text = expression.toString();
      return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private void warn(Message message, Tree at, Object... details) {
      Object[] args = new Object[details.length + 1];
      args[0] = subject;
      System.arraycopy(details, 0, args, 1, details.length);
      diagnostics.warning(message, trees, at, unit, args);
    }
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
