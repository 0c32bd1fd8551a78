package io.cacheweave.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using Cacheweave in a project", as a new user follows it: a fresh project made of exactly the
 * snippets marked {@code <!-- readme-project: ... -->}, built with the {@code mvn} running this build, against a
 * private Maven repository in {@code target/} that holds this build's artifacts (third-party artifacts come from
 * the outer build's local repository, read as a remote one, or from Maven Central; nothing is written there).
 */
class ReadmeProjectIT {
    private static final Path ROOT = Path.of(System.getProperty("reactor.root", "..")).toAbsolutePath().normalize();
    private static final Path PRIVATE_REPO = Path.of("target", "readme-repo").toAbsolutePath();
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- readme-project: (.+?) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private static Map<String, String> snippets;

    @BeforeAll
    static void readReadmeAndSeedThePrivateRepository() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        snippets = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(readme);
        while (m.find()) {
            snippets.put(m.group(1), m.group(2) + "\n");
        }
        assertEquals(java.util.Set.of("pom.xml", "src/main/java/com/example/PriceService.java",
                "src/main/java/com/example/Main.java", "run build-time", "run agent"), snippets.keySet());
        assertTrue(snippets.get("pom.xml").contains("<cacheweave.version>" + VERSION + "</cacheweave.version>"),
                "the README's version must be this build's");
        install("cacheweave-parent", ROOT.resolve("pom.xml"), null);
        for (String module : new String[] {"cache-annotations", "cache-processor", "cache-runtime"}) {
            Path dir = ROOT.resolve(module);
            Path reduced = dir.resolve("dependency-reduced-pom.xml");
            install(module, Files.exists(reduced) ? reduced : dir.resolve("pom.xml"),
                    dir.resolve("target/" + module + "-" + VERSION + ".jar"));
        }
        install("cache-agent", ROOT.resolve("cache-agent/pom.xml"), ROOT.resolve("cache-agent/target/cache-agent.jar"));
        install("cacheweave-maven-plugin", ROOT.resolve("cacheweave-maven-plugin/pom.xml"),
                Path.of("target", "cacheweave-maven-plugin-" + VERSION + ".jar"));
    }

    @Test
    void readmeProject_buildTimeWeaving_cachesWithoutAnAgent(@TempDir Path dir) throws Exception {
        Path project = project(dir, snippets.get("pom.xml"));

        String out = run(project, snippets.get("run build-time"));

        assertTrue(out.contains("lookups: 2"), out);
        assertFalse(out.contains("javaagent"), out);
        assertTrue(Files.readString(project.resolve("target/classpath.txt")).contains("cache-runtime"));
        assertFalse(Files.readString(project.resolve("target/classpath.txt")).contains("byte-buddy"),
                "Byte Buddy must not be a run-time dependency of a woven application");
    }

    @Test
    void readmeProject_agentWeaving_caches(@TempDir Path dir) throws Exception {
        String pom = snippets.get("pom.xml");
        String withoutPlugin = pom.replaceAll("(?s)\\s*<!-- Build-time weaving;.*?</plugin>", "");
        assertFalse(withoutPlugin.contains("cacheweave-maven-plugin"), withoutPlugin);
        Path project = project(dir, withoutPlugin);

        String out = run(project, snippets.get("run agent"));

        assertTrue(out.contains("lookups: 2"), out);
    }

    /**
     * The compiler plugin's version left to Maven's default, as the README's snippet did before it pinned one: on
     * Maven 3.8 (compiler plugin 3.1, which ignores annotationProcessorPaths) the build fails at the weave step
     * with the causes; on a Maven whose default honours the setting it builds and caches. Never a green build that
     * runs uncached.
     */
    @Test
    void readmeProject_compilerPluginVersionLeftToMaven_failsAtTheWeaveStepOrCaches(@TempDir Path dir)
            throws Exception {
        String pom = snippets.get("pom.xml")
                .replace("<version>3.13.0</version>\n", "")
                .replace("<maven.compiler.release>17</maven.compiler.release>",
                        "<maven.compiler.source>17</maven.compiler.source><maven.compiler.target>17"
                                + "</maven.compiler.target>");
        Path project = project(dir, pom);

        Result result = exec(project, snippets.get("run build-time"));

        if (result.status() == 0) {
            assertTrue(result.out().contains("lookups: 2"), result.out());
        } else {
            assertTrue(result.out().contains("com.example.PriceService has @Cached or @Invalidate methods but no "
                    + "generated key builder"), result.out());
            assertTrue(result.out().contains("maven-compiler-plugin is older than 3.5"), result.out());
            assertFalse(Files.exists(project.resolve("target/classpath.txt")), "the build must stop at the weave");
        }
    }

    private static Path project(Path dir, String pom) throws IOException {
        Path project = dir.resolve("prices");
        write(project.resolve("pom.xml"), pom);
        for (Map.Entry<String, String> s : snippets.entrySet()) {
            if (s.getKey().startsWith("src/")) {
                write(project.resolve(s.getKey()), s.getValue());
            }
        }
        Path settings = dir.resolve("settings.xml");
        String outerRepo = Path.of(System.getProperty("settings.localRepository",
                System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
        write(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories>
                        <repository><id>outer-local</id><url>%1$s</url><snapshots><enabled>false</enabled></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>outer-local</id><url>%1$s</url><snapshots><enabled>false</enabled></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(outerRepo));
        // Maven reads .mvn/maven.config as command-line options: the README's commands run as written.
        write(project.resolve(".mvn/maven.config"), "-B -s " + settings + " -Dmaven.repo.local=" + PRIVATE_REPO + "\n");
        return project;
    }

    private static String run(Path project, String commands) throws Exception {
        Result result = exec(project, commands);
        assertEquals(0, result.status(), result.out());
        return result.out();
    }

    private record Result(int status, String out) {
    }

    private static Result exec(Path project, String commands) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", commands)
                .directory(project.toFile()).redirectErrorStream(true);
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null) {
            builder.environment().put("PATH", mavenHome + "/bin:" + builder.environment().get("PATH"));
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the README's commands did not finish");
        return new Result(p.exitValue(), out);
    }

    private static void install(String artifactId, Path pom, Path jar) throws IOException {
        Path dir = PRIVATE_REPO.resolve("io/cacheweave/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.exists(jar), "build " + jar + " first");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
