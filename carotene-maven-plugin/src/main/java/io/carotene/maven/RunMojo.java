package io.carotene.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the game and serves it: forks {@code java} with the flags Chronicle Map needs, the
 * project's runtime class path and the generated {@code <Domain>Server} main, until the server
 * exits or Maven is stopped (Ctrl-C stops the server cleanly). The server reads its settings from
 * the environment, which the forked JVM inherits: {@code PORT=9090 mvn carotene:run}.
 */
@Mojo(
    name = "run",
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The main class; the generated server when not set. */
  @Parameter(property = MainClassMojo.PROPERTY)
  private String mainClass;

  /** More JVM options, space separated, e.g. {@code -Dcarotene.jvmArguments="-Xmx1g -XX:+UseParallelGC"}. */
  @Parameter(property = "carotene.jvmArguments")
  private String jvmArguments;

  /** Environment variables for the server beside the inherited ones, e.g. {@code <PORT>9090</PORT>}. */
  @Parameter
  private Map<String, String> environmentVariables;

  @Parameter(defaultValue = "${project.build.directory}/generated-sources/annotations")
  private File generatedSourcesDirectory;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
  private File classesDirectory;

  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  private File workingDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    String main = MainClassMojo.resolve(mainClass, generatedSourcesDirectory, classesDirectory);
    List<String> command = command(main);
    getLog().info("Carotene: running " + main + " (Ctrl-C stops it)");
    getLog().debug(String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory).inheritIO();
    if (environmentVariables != null) {
      environmentVariables.forEach((name, value) -> builder.environment().put(name, value == null ? "" : value));
    }
    Process server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new MojoExecutionException("Could not start " + command.get(0) + ": " + e.getMessage(), e);
    }
    Thread stopServer = new Thread(() -> stop(server), "carotene-run-stop");
    Runtime.getRuntime().addShutdownHook(stopServer);
    int exit;
    try {
      exit = server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(server);
      throw new MojoExecutionException("Interrupted while the server ran", e);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopServer);
    } catch (IllegalStateException shuttingDown) {
      // Maven is exiting: the hook is already running.
    }
    if (exit != 0) {
      throw new MojoExecutionException(main + " exited with status " + exit);
    }
  }

  private List<String> command(String main) throws MojoExecutionException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CaroteneJvmFlags.list());
    if (jvmArguments != null && !jvmArguments.isBlank()) {
      command.addAll(List.of(jvmArguments.strip().split("\\s+")));
    }
    command.add("-cp");
    try {
      command.add(String.join(File.pathSeparator, project.getRuntimeClasspathElements()));
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("The runtime class path is not resolved", e);
    }
    command.add(main);
    return command;
  }

  /** SIGTERM, which the server answers by stopping cleanly; then waits for it a little. */
  private static void stop(Process server) {
    if (!server.isAlive()) {
      return;
    }
    server.destroy();
    try {
      server.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.destroyForcibly();
  }
}
