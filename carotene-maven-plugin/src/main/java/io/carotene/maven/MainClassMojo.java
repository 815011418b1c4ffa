package io.carotene.maven;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Finds the server main the processor generated ({@code <Domain>Server}) and sets the project
 * property {@code carotene.mainClass} to it, for the launcher jar's {@code Main-Class}
 * (carotene-game-parent's maven-jar-plugin reads it). Set {@code carotene.mainClass} yourself to
 * choose another class; then this goal leaves it as it is.
 */
@Mojo(name = "main-class", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class MainClassMojo extends AbstractMojo {
  static final String PROPERTY = "carotene.mainClass";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The main class; found from the generated sources when not set. */
  @Parameter(property = PROPERTY)
  private String mainClass;

  /** Where the processor writes its sources. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/annotations")
  private File generatedSourcesDirectory;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
  private File classesDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    if ("pom".equals(project.getPackaging())) {
      getLog().debug("carotene:main-class skipped: a pom project has no server"); // carotene-game-parent itself
      return;
    }
    String main = resolve(mainClass, generatedSourcesDirectory, classesDirectory);
    project.getProperties().setProperty(PROPERTY, main);
    getLog().info("Carotene main class: " + main);
  }

  static String resolve(String configured, File generatedSources, File classes) throws MojoExecutionException {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    try {
      return GeneratedMain.find(generatedSources.toPath(), classes.toPath());
    } catch (IllegalStateException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("Could not read the generated sources: " + e.getMessage(), e);
    }
  }
}
